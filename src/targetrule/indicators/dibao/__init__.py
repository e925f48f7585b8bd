"""九、城市居民最低生活保障 (urban minimum living allowance, dibao): 6 indicators, one plugin module each."""
