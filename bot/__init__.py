"""The Teams edge and the running service. The only package that imports the Agents SDK."""
