"""五、失业保险 (unemployment insurance): 3 indicators, one plugin module each."""
