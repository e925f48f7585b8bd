"""七、工伤生育保险 (work-injury and maternity insurance): 2 indicators, one plugin module each."""
