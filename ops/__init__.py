"""Operating Paraat: metrics and log context, free of the Teams edge so every floor may use them."""
