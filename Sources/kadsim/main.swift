print("kadsim")
