#!/usr/bin/env bash
# Static checks of the built image tree ($IMAGE_WORK/rootfs and $IMAGE_WORK/out from image/build): units,
# sysctls, the kiosk unit's exposure score, the package list, SUID/SGID files, the verity hash of slot A.
# Prints one line per check; exits 1 when one fails.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="${IMAGE_WORK:-/work/image-work}"
root="$work/rootfs" out="$work/out"
[ -d "$root" ] && [ -f "$out/kiosk.img" ] || { echo "static-checks: no built image in $work (run image/build)"; exit 1; }
failed=0
check() {  # check NAME COMMAND…
  local name="$1"; shift
  if "$@" >/tmp/static-check.$$ 2>&1; then echo "ok   $name"; else echo "FAIL $name"; sed 's/^/     /' /tmp/static-check.$$; failed=1; fi
}
unit_state() { SYSTEMD_OFFLINE=1 systemctl --root="$root" is-enabled "$1" 2>/dev/null; }

check "kiosk.service enabled" test "$(unit_state kiosk.service)" = enabled
check "default target graphical" test "$(readlink "$root/etc/systemd/system/default.target")" = /lib/systemd/system/graphical.target
for u in getty@.service serial-getty@.service autovt@.service console-getty.service ctrl-alt-del.target debug-shell.service; do
  check "$u masked" test "$(readlink "$root/etc/systemd/system/$u")" = /dev/null
done
for u in nftables.service usbguard.service systemd-networkd.service; do
  check "$u enabled" test "$(unit_state "$u")" = enabled
done
check "no getty wanted by any target" bash -c "! ls $root/etc/systemd/system/*.wants/getty@* 2>/dev/null | grep -q ."
check "logind: no autovt, no reserved VT" grep -qx 'NAutoVTs=0' "$root/etc/systemd/logind.conf.d/90-kiosk.conf"
check "cage without VT switching (-s)" bash -c "grep '^ExecStart=' $root/etc/systemd/system/kiosk.service | grep -q '/usr/bin/cage' && ! grep '^ExecStart=' $root/etc/systemd/system/kiosk.service | grep -q -- ' -s'"
check "kiosk runs as user kiosk" grep -qx 'User=kiosk' "$root/etc/systemd/system/kiosk.service"
check "kiosk user has no shell" bash -c "grep '^kiosk:' $root/etc/passwd | grep -q ':/usr/sbin/nologin$'"
check "root password locked" bash -c "grep '^root:' $root/etc/shadow | cut -d: -f2 | grep -q '^[!*]'"
check "systemd-analyze verify kiosk.service" bash -c "SYSTEMD_LOG_LEVEL=err systemd-analyze verify --root=$root kiosk.service 2>&1 | grep -v -e 'Cannot add dependency job' -e 'Failed to ' | (! grep -q .)"

# sysctls as the image sets them
for kv in kernel.sysrq=0 kernel.kptr_restrict=2 kernel.dmesg_restrict=1 kernel.yama.ptrace_scope=2 \
  kernel.unprivileged_bpf_disabled=1 kernel.unprivileged_userns_clone=0 user.max_user_namespaces=0 \
  kernel.kexec_load_disabled=1 fs.suid_dumpable=0; do
  k="${kv%%=*}" v="${kv#*=}"
  check "sysctl $k = $v" bash -c "cat $root/etc/sysctl.d/*.conf | sed 's/[[:space:]]//g' | grep -qx '$k=$v'"
done
check "journald capped" grep -q '^SystemMaxUse=' "$root/etc/systemd/journald.conf.d/90-kiosk.conf"
check "usbguard blocks by default" grep -qx 'ImplicitPolicyTarget=block' "$root/etc/usbguard/usbguard-daemon.conf"
check "usbguard allows no mass storage (class 08)" bash -c "! grep '^allow' $root/etc/usbguard/rules.conf | sed 's/none-of {[^}]*}//g' | grep -q '08:'"
check "usb-storage module disabled" grep -qx 'install usb-storage /bin/false' "$root/etc/modprobe.d/kiosk-blacklist.conf"
check "nftables drops inbound and outbound by default" bash -c "grep -c 'policy drop' $root/etc/nftables.conf | grep -qx 3"
check "nftables.conf parses" bash -c "command -v nft >/dev/null || exit 0; nft -c -f $root/etc/nftables.conf"

# exposure of the kiosk unit (systemd-analyze security on the built tree)
score=$(systemd-analyze security --offline=true --root="$root" --no-pager kiosk.service 2>/dev/null |
  awk '/Overall exposure level/ {print $NF == "" ? $0 : $0}' | grep -o '[0-9]\+\.[0-9]' | head -n1)
echo "     exposure of kiosk.service: ${score:-unknown}"
check "kiosk.service exposure <= 2.0" awk -v s="${score:-99}" 'BEGIN { exit !(s <= 2.0) }'

# packages: only Debian 12 packages and the kiosk; none of the ones a kiosk must not carry
check "kiosk package installed" grep -q '^kiosk ' "$out/packages.list"
check "cage installed" grep -q '^cage ' "$out/packages.list"
check "no ssh server, no sudo, no compiler, no X server" bash -c "! grep -E '^(openssh-server|sudo|gcc|gcc-12|xserver-xorg-core|login-shell|gdb|strace) ' $out/packages.list"
check "no SUID/SGID file beyond the allow-list" bash -c "comm -23 $out/suid.list <(sort $here/suid-allow.txt) | (! grep .)"

# dm-verity: slot A's hash tree matches the root hash written into grubenv
# shellcheck disable=SC1091
. "$out/verity.env"
check "verity hash of slot A" veritysetup verify "$out/root_a.img" "$out/root_a.img" "$ROOTHASH" --hash-offset="$HASHOFFSET"
check "a flipped byte fails the verity check" bash -c "cp --sparse=always $out/root_a.img /tmp/bad-slot.$$ && printf 'X' | dd of=/tmp/bad-slot.$$ bs=1 seek=123456 conv=notrunc status=none && ! veritysetup verify /tmp/bad-slot.$$ /tmp/bad-slot.$$ $ROOTHASH --hash-offset=$HASHOFFSET; r=\$?; rm -f /tmp/bad-slot.$$; exit \$r"
check "grubenv carries slot A's root hash" bash -c "MTOOLS_SKIP_CHECK=1 mtype -i $work/esp.img ::/EFI/BOOT/grubenv | grep -qx 'A_ROOTHASH=$ROOTHASH'"
check "GPT: esp, root_a, root_b, data" bash -c "sfdisk -J $out/kiosk.img | sed -n 's/.*\"name\": *\"\([a-z_]*\)\".*/\1/p' | tr '\n' ' ' | grep -qx 'esp root_a root_b data '"
# RAUC: the update bundle (image/bundle) verifies against the image's keyring; a bundle whose signed part (the
# CMS at its end, which holds the manifest and the payload's verity root hash) has one byte changed, or a
# keyring that is not the image's, does not. (The payload itself is checked by dm-verity when RAUC mounts it.)
if [ -f "$out/kiosk-update.raucb" ]; then
  check "RAUC bundle verifies with the image's keyring" rauc info --keyring="$root/etc/rauc/keyring.pem" "$out/kiosk-update.raucb"
  check "a changed RAUC bundle is refused" bash -c "cp $out/kiosk-update.raucb /tmp/bad.$$.raucb && printf 'X' | dd of=/tmp/bad.$$.raucb bs=1 seek=\$((\$(stat -c %s /tmp/bad.$$.raucb) - 200)) conv=notrunc status=none && ! rauc info --keyring=$root/etc/rauc/keyring.pem /tmp/bad.$$.raucb; r=\$?; rm -f /tmp/bad.$$.raucb; exit \$r"
  check "a RAUC bundle is refused with another CA" bash -c "d=\$(mktemp -d) && openssl req -x509 -newkey rsa:2048 -nodes -keyout \$d/k -out \$d/c -days 1 -subj /CN=other 2>/dev/null && ! rauc info --keyring=\$d/c $out/kiosk-update.raucb; r=\$?; rm -rf \$d; exit \$r"
  check "RAUC system.conf: two slots, grub, keyring" bash -c "grep -qx 'bootloader=grub' $root/etc/rauc/system.conf && [ \$(grep -c '^\[slot.rootfs' $root/etc/rauc/system.conf) -eq 2 ] && test -s $root/etc/rauc/keyring.pem"
else
  echo "FAIL no RAUC bundle in $out (image/bundle)"; failed=1
fi
rm -f /tmp/static-check.$$
[ "$failed" -eq 0 ] && echo "static checks: all passed" || echo "static checks: FAILED"
exit "$failed"
