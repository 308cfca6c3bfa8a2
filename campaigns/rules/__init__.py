"""Pure rules of campaigns: what a campaign is, when it fires, how fast it may send. No I/O."""
