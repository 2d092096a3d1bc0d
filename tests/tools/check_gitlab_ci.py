"""Validates .gitlab-ci.yml files against GitLab's JSON schema (reference/gitlab-ci.schema.json in this repository).

Usage: python3 check_gitlab_ci.py SCHEMA FILE...   Prints each problem; exits 1 if there is any.
GitLab's !reference tag is read as the list it stands for.
"""
import json
import sys

import jsonschema
import yaml


class Loader(yaml.SafeLoader):
    pass


Loader.add_constructor("!reference", lambda loader, node: loader.construct_sequence(node))


def main():
    with open(sys.argv[1], encoding="utf-8") as handle:
        validator = jsonschema.Draft7Validator(json.load(handle))
    problems = 0
    for path in sys.argv[2:]:
        with open(path, encoding="utf-8") as handle:
            document = yaml.load(handle, Loader=Loader)
        for error in validator.iter_errors(document):
            print(f"{path}: {'/'.join(str(p) for p in error.path)}: {error.message[:300]}")
            problems += 1
    print(f"{problems} problem(s) in {len(sys.argv) - 2} file(s)")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
