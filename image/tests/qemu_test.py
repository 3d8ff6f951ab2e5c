#!/usr/bin/env python3
"""Boots the kiosk image in QEMU (KVM when /dev/kvm is usable) and checks, through QMP:
  1. the kiosk's first frame: QEMU's screendump matches the attract screen drawn by the same kiosk headless;
  2. escape keys (Ctrl+Alt+F2, Ctrl+Alt+Del, Alt+SysRq+b, Alt+F4, Ctrl+Alt+Backspace): the screen is unchanged
     and the machine neither resets nor stops;
  3. a USB stick (usb-storage) plugged in while running is blocked (usbguard) and gives no block device.
Under TCG the CPU model is Westmere (SSE4.2, no AVX): llvmpipe's AVX code crashes under QEMU 7.2's TCG.
The disk image is never written: the VM writes to a qcow2 overlay in a temporary folder.
Usage: qemu_test.py IMAGE REFERENCE_PNG [--keep DIR]; prints figures, exits 1 on a failed check."""
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time

WIDTH, HEIGHT = 1920, 1080


class Qmp:
    def __init__(self, path, timeout=30):
        deadline = time.time() + timeout
        while True:
            try:
                self.sock = socket.socket(socket.AF_UNIX)
                self.sock.connect(path)
                break
            except OSError:
                if time.time() > deadline:
                    raise
                time.sleep(0.05)
        self.file = self.sock.makefile("rw")
        self.events = []
        self._read()  # greeting
        self.cmd("qmp_capabilities")

    def _read(self):
        line = self.file.readline()
        if not line:
            raise RuntimeError("QMP: QEMU closed the connection")
        return json.loads(line)

    def cmd(self, name, **args):
        self.file.write(json.dumps({"execute": name, "arguments": args}) + "\n")
        self.file.flush()
        while True:
            m = self._read()
            if "event" in m:
                self.events.append(m)
                continue
            if "error" in m:
                raise RuntimeError(f"QMP {name}: {m['error']}")
            return m.get("return")


def kvm_usable():
    return os.path.exists("/dev/kvm") and os.access("/dev/kvm", os.R_OK | os.W_OK)


def ovmf():
    for code, vars_ in (("/usr/share/OVMF/OVMF_CODE_4M.fd", "/usr/share/OVMF/OVMF_VARS_4M.fd"),
                        ("/usr/share/OVMF/OVMF_CODE.fd", "/usr/share/OVMF/OVMF_VARS.fd")):
        if os.path.exists(code) and os.path.exists(vars_):
            return code, vars_
    raise SystemExit("qemu_test: no OVMF firmware (Debian package ovmf)")


def differing_pixels(a, b):
    """Pixels of a and b that differ by more than 12 % (ImageMagick compare -metric AE)."""
    r = subprocess.run(["compare", "-metric", "AE", "-fuzz", "12%", a, b, "null:"],
                       capture_output=True, text=True)
    try:
        return int(float(r.stderr.split()[0]))
    except (ValueError, IndexError):
        return WIDTH * HEIGHT  # sizes differ (the screen is not the kiosk's yet)


def main():
    args = sys.argv[1:]
    keep = None
    if "--keep" in args:
        i = args.index("--keep")
        keep = args[i + 1]
        del args[i:i + 2]
    image, reference = args
    tmp = keep or tempfile.mkdtemp(prefix="kiosk-qemu-")
    os.makedirs(tmp, exist_ok=True)
    overlay = os.path.join(tmp, "overlay.qcow2")
    subprocess.run(["qemu-img", "create", "-q", "-f", "qcow2", "-b", os.path.abspath(image), "-F", "raw",
                    overlay], check=True)
    code, vars_template = ovmf()
    vars_ = os.path.join(tmp, "OVMF_VARS.fd")
    shutil.copy(vars_template, vars_)
    stick = os.path.join(tmp, "stick.img")
    with open(stick, "wb") as f:
        f.truncate(16 * 1024 * 1024)
    qmp_path = os.path.join(tmp, "qmp.sock")
    serial = os.path.join(tmp, "serial.log")
    def qemu_cmd(kvm):
        return ["qemu-system-x86_64", "-machine", "q35" + (",accel=kvm" if kvm else ",accel=tcg"),
                "-cpu", "host,-arch-capabilities" if kvm else "Westmere", "-smp", "2", "-m", "1536",
                "-drive", f"if=pflash,format=raw,unit=0,readonly=on,file={code}",
                "-drive", f"if=pflash,format=raw,unit=1,file={vars_}",
                "-drive", f"file={overlay},format=qcow2,if=virtio",
                "-vga", "none", "-device", f"virtio-vga,xres={WIDTH},yres={HEIGHT}",
                "-display", "none", "-qmp", f"unix:{qmp_path},server=on,wait=off",
                "-serial", f"file:{serial}", "-nic", "user,model=virtio-net-pci",
                "-device", "qemu-xhci,id=xhci",
                "-drive", f"if=none,id=stick,format=raw,file={stick}", "-no-reboot"]

    failures = []
    kvm = kvm_usable()
    t0 = time.time()
    vm = subprocess.Popen(qemu_cmd(kvm), stdout=subprocess.DEVNULL,
                          stderr=open(os.path.join(tmp, "qemu.err"), "w"))
    if kvm:
        # /dev/kvm may be there and still unable to run firmware (a PVM host, say): the VM stops at once
        # with an internal error; the test goes on with software emulation.
        q = Qmp(qmp_path)
        time.sleep(3)
        status = q.cmd("query-status").get("status")
        if status == "internal-error" or vm.poll() is not None:
            print(f"KVM: /dev/kvm cannot run this VM (status {status}); software emulation (TCG)")
            vm.kill()
            vm.wait()
            q.sock.close()
            kvm = False
            os.unlink(qmp_path) if os.path.exists(qmp_path) else None
            shutil.copy(vars_template, vars_)
            t0 = time.time()
            vm = subprocess.Popen(qemu_cmd(False), stdout=subprocess.DEVNULL,
                                  stderr=open(os.path.join(tmp, "qemu.err"), "a"))
        else:
            q.sock.close()
    try:
        q = Qmp(qmp_path)
        shot = os.path.join(tmp, "screen.ppm")
        limit = 90 if kvm else 600
        first_frame = None
        best = None
        while time.time() - t0 < limit:
            if vm.poll() is not None:
                break
            q.cmd("screendump", filename=shot)
            d = differing_pixels(shot, reference)
            best = d if best is None else min(best, d)
            if d <= WIDTH * HEIGHT // 100:
                first_frame = time.time() - t0
                break
            time.sleep(0.25)
        shutil.copy(shot, os.path.join(tmp, "first-frame.ppm"))
        if first_frame is None:
            failures.append(f"first frame: no screendump matched the attract screen in {limit} s "
                            f"(closest: {best} differing pixels)")
            print(f"first-frame FAIL (closest {best} differing pixels)")
        else:
            print(f"first-frame {first_frame:.1f} s after QEMU started ({'KVM' if kvm else 'TCG'}), "
                  f"{d} pixels of {WIDTH * HEIGHT} differ from the attract screen")
            time.sleep(3)  # the kiosk settles (content loading) before the keys
            q.cmd("screendump", filename=shot)
            settled = os.path.join(tmp, "settled.ppm")
            shutil.copy(shot, settled)
            combos = {"Ctrl+Alt+F2": ["ctrl", "alt", "f2"], "Ctrl+Alt+Del": ["ctrl", "alt", "delete"],
                      "Alt+SysRq+b": ["alt", "sysrq", "b"], "Alt+F4": ["alt", "f4"],
                      "Ctrl+Alt+Backspace": ["ctrl", "alt", "backspace"]}
            for name, keys in combos.items():
                q.cmd("send-key", keys=[{"type": "qcode", "data": k} for k in keys], **{"hold-time": 200})
                time.sleep(2.5)
                status = q.cmd("query-status")
                q.cmd("screendump", filename=shot)
                d = differing_pixels(shot, settled)
                resets = [e["event"] for e in q.events if e["event"] in ("RESET", "SHUTDOWN", "POWERDOWN")]
                ok = status.get("running") and not resets and vm.poll() is None and d <= WIDTH * HEIGHT // 100
                print(f"escape {name}: {'OK' if ok else 'FAIL'} (running={status.get('running')}, "
                      f"events={resets}, {d} pixels changed)")
                if not ok:
                    shutil.copy(shot, os.path.join(tmp, f"escape-{keys[-1]}.ppm"))
                    failures.append(f"escape {name}")
            # A USB stick plugged in while the kiosk runs.
            mark = os.path.getsize(serial)
            q.cmd("device_add", driver="usb-storage", drive="stick", id="usbstick", bus="xhci.0")
            log = ""
            for _ in range(45):  # under TCG udev takes its time
                time.sleep(2)
                with open(serial, errors="replace") as f:
                    f.seek(mark)
                    log = f.read()
                if "kiosk-usb" in log and "USB device" in log:
                    break
            time.sleep(8)  # interfaces, a driver or a SCSI disk would appear within these seconds
            with open(serial, errors="replace") as f:
                f.seek(mark)
                log = f.read()
            # The journal (forwarded to the serial console) shows the kernel seeing the stick and usbguard
            # blocking it; no SCSI disk may appear.
            # udev's rule 70-kiosk-usb-log writes each device and interface with its "authorized" state.
            seen = "kiosk-usb" in log and "USB device" in log
            # QEMU's usb-storage is 46f4:0001; blocked, it stays authorized=0 and no interface is set up for it
            # (an interface of class 08 authorized=1 would mean a mass-storage driver may bind).
            lines = [l for l in log.splitlines() if "kiosk-usb" in l]
            stick = [l for l in lines if "46f4:0001" in l]
            blocked = bool(stick) and all("authorized=0" in l for l in stick) and not any(
                "class 08" in l and "authorized=1" in l for l in lines)
            for l in lines:
                print("   ", l.strip()[-120:])
            attached = "Attached SCSI" in log or "sda:" in log or "[sda]" in log
            ok = not attached and seen and blocked
            print(f"usb-storage: {'OK' if ok else 'FAIL'} (seen by the kernel: {seen}, usbguard blocked: "
                  f"{blocked}, block device: {attached})")
            if not ok:
                failures.append("usb-storage")
            q.cmd("screendump", filename=shot)
            d = differing_pixels(shot, settled)
            if d > WIDTH * HEIGHT // 100:
                failures.append("screen changed after the USB stick")
        with open(serial, errors="replace") as f:
            log = f.read()
        ready = "Started kiosk.service" in log or "Started Digital-inclusion kiosk" in log
        print(f"kiosk.service ready (READY=1 seen by systemd): {ready}")
        if not ready:
            failures.append("kiosk.service never reported READY=1")
    finally:
        vm.kill()
        vm.wait()
    print(f"qemu test: {time.time() - t0:.1f} s, serial log and screens in {tmp}")
    if failures:
        print("qemu test FAILED: " + "; ".join(failures))
        return 1
    if not keep:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
