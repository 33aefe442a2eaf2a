// mica-flags: --module
export var x = 1;
