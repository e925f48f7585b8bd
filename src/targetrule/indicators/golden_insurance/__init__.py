"""八、金保工程 (the Golden Insurance Project): 3 indicators, one plugin module each."""
