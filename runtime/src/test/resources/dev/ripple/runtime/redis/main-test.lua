return two()
