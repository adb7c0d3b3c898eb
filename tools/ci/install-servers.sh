#!/usr/bin/env bash
# Installs the Debian packages of the servers scalebench's server tests run against (tag "server"), when missing.
# Nothing is configured or started here: each test starts its own server in a temporary folder, bound to loopback
# or a Unix socket, and stops it at the end. Needs root (or sudo) and Debian's package mirror.
set -euo pipefail
need=()
have() { command -v "$1" >/dev/null 2>&1 || [ -x "$1" ]; }
have initdb || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
have prometheus || need+=(prometheus)
have /usr/sbin/slurmctld && have /usr/sbin/munged || need+=(slurm-wlm munge)
if [ ${#need[@]} -gt 0 ]; then
  sudo_=""
  [ "$(id -u)" -eq 0 ] || sudo_="sudo"
  $sudo_ apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_ apt-get install -y -qq --no-install-recommends "${need[@]}"
fi
