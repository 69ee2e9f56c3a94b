"""One module per feature: parse, one service call, render, reply."""
