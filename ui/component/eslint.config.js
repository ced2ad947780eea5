// ESLint for the browser code (npm run lint; scripts/test.sh runs it). map.js is generated from map/ by esbuild.
import js from "@eslint/js";
import globals from "globals";

export default [
  { ignores: ["map.js", "node_modules/"] },
  js.configs.recommended,
  {
    files: ["**/*.js"],
    languageOptions: { ecmaVersion: 2022, sourceType: "module", globals: { ...globals.browser } },
    rules: {
      "no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
      eqeqeq: ["error", "always", { null: "ignore" }],
      "no-var": "error",
      "prefer-const": "error",
      "no-implicit-globals": "error",
    },
  },
  {
    files: ["map/test/**/*.js", "eslint.config.js"],
    languageOptions: { globals: { ...globals.node } },
  },
];
