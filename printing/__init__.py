"""The printed side of Paraat: each team's outage card and the paper kit, for when Teams is gone."""
