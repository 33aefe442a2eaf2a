print("Hello from Mica!");
