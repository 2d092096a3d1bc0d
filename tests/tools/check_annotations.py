"""Lists the public functions of Python files that lack a type hint: a parameter (other than self or cls) or the
return. Public: defined at module level or in a class, with a name that does not start with an underscore (functions
nested in other functions are not part of a module's interface). Parsed with ast, so strings and comments that look
like code do not count. Prints one line per gap and exits 1 if there is any.

Usage: python3 check_annotations.py FILE...
"""

import ast
import sys


def public_functions(tree):
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield node.name, node
        elif isinstance(node, ast.ClassDef) and not node.name.startswith("_"):
            for member in node.body:
                if isinstance(member, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    yield f"{node.name}.{member.name}", member


def gaps(function, in_class):
    arguments = function.args
    positional = arguments.posonlyargs + arguments.args
    if in_class and positional and positional[0].arg in ("self", "cls"):
        positional = positional[1:]
    every = positional + arguments.kwonlyargs + [a for a in (arguments.vararg, arguments.kwarg) if a]
    missing = [a.arg for a in every if a.annotation is None]
    if function.returns is None:
        missing.append("return")
    return missing


def main(files):
    found = 0
    functions = 0
    for path in files:
        with open(path, encoding="utf-8") as handle:
            tree = ast.parse(handle.read(), path)
        for name, function in public_functions(tree):
            if name.split(".")[-1].startswith("_") and not name.split(".")[-1].startswith("__"):
                continue
            functions += 1
            missing = gaps(function, "." in name)
            if missing:
                print(f"{path}:{function.lineno}: {name} has no type hint for {', '.join(missing)}")
                found += 1
    print(f"{found} unannotated of {functions} public function(s) in {len(files)} file(s)")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
