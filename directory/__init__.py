"""The organisation's directory: people and groups from Microsoft Graph."""
