#!/usr/bin/env bash
# Carries a released template version inside the tool, so that `mlpipeline update` can rebuild (offline) the projects
# that release made. Run it once per release, after tagging vX.Y.Z and before Directory.Build.props moves to the next
# version, and commit the archive:
#   eng/archive-templates.sh X.Y.Z
# It writes releases/templates/X.Y.Z.zip, git's zip of the tagged commit's templates/ folder (the same bytes every time
# for the same tag); src/Scaffolder embeds every archive there (Templates/TemplateHistory.cs reads them).
set -euo pipefail
version="${1:?usage: eng/archive-templates.sh X.Y.Z (a released version, tagged vX.Y.Z)}"
if [[ ! "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]]; then
  echo "error: '$version' is not major.minor.patch" >&2
  exit 64
fi
root="$(cd "$(dirname "$0")/.." && pwd)"
if ! git -C "$root" rev-parse --verify --quiet "v$version^{commit}" >/dev/null; then
  echo "error: there is no tag v$version; archive only released versions" >&2
  exit 66
fi
mkdir -p "$root/releases/templates"
git -C "$root" archive --format=zip -9 --output "$root/releases/templates/$version.zip" "v$version" templates
echo "releases/templates/$version.zip: the templates of v$version; commit it."
