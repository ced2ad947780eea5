"""Deployment: HAProxy in front of several AcuMap processes (docs/deploy.md)."""
