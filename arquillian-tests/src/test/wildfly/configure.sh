#!/usr/bin/env bash
# Runs the committed jboss-cli files of server-config/wildfly on the unpacked WildFly, once:
# a marker keeps a second build from adding the same resources twice.
set -euo pipefail
home="$1"; config="$2"
marker="$home/standalone/configuration/.certgate-configured"
[ -e "$marker" ] && { echo "WildFly already configured ($marker)"; exit 0; }
cd "$home/standalone/configuration"
for cli in "$config"/*.cli; do
  echo "jboss-cli --file=$cli"
  JBOSS_HOME="$home" "$home/bin/jboss-cli.sh" --file="$cli"
done
touch "$marker"
