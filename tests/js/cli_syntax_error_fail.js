// A SyntaxError shows the offending line and a caret under the column.
var broken = (1 + ;
