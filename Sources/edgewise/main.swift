print("edgewise")
