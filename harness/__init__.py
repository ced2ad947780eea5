"""What the tests, the benchmarks, the scripts and the deployment share: starting the app (`serving`), reading the
map's drawing in a page (`mapdom`) and a throwaway PostgreSQL server (`pgserver`). Not part of the app."""
