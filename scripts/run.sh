#!/usr/bin/env bash
# Install what the app needs and start it: http://localhost:8501
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh requirements.txt
exec .venv/bin/streamlit run serve.py "$@"
