"""The Teams app manifest: template, icons and package build."""
