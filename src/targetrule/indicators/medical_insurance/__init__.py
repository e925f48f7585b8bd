"""六、医疗保险 (medical insurance): 2 indicators, one plugin module each."""
