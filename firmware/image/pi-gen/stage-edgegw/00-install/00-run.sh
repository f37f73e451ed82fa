#!/bin/bash -e
# Installs an EdgeGateway bundle (made by `gatewayctl bundle --rid linux-arm64 --out files/bundle`)
# into the image: binary, units, udev rules, config.txt lines, and the edgegw system user.
BUNDLE="$(dirname "$0")/files/bundle"
[ -f "${BUNDLE}/manifest.sha256" ] || { echo "no bundle at ${BUNDLE}: run gatewayctl bundle first" >&2; exit 1; }
(cd "${BUNDLE}" && sha256sum --quiet -c manifest.sha256)

install -d "${ROOTFS_DIR}/opt/edgegw"
install -m 0755 "${BUNDLE}/edgegw" "${ROOTFS_DIR}/opt/edgegw/edgegw"
install -m 0755 "${BUNDLE}/edgegw-firstboot" "${ROOTFS_DIR}/opt/edgegw/edgegw-firstboot"
install -m 0644 "${BUNDLE}/README.md" "${ROOTFS_DIR}/opt/edgegw/README.md"
install -m 0644 "${BUNDLE}/edgegw.service" "${BUNDLE}/edgegw-firstboot.service" "${ROOTFS_DIR}/etc/systemd/system/"
install -m 0644 "${BUNDLE}/99-edgegw-pn532.rules" "${ROOTFS_DIR}/etc/udev/rules.d/"
cat "${BUNDLE}/config.txt.edgegw" >> "${ROOTFS_DIR}/boot/firmware/config.txt"

on_chroot <<'CHROOT'
getent group i2c >/dev/null || groupadd --system i2c
getent group spi >/dev/null || groupadd --system spi
getent group gpio >/dev/null || groupadd --system gpio
id edgegw >/dev/null 2>&1 || useradd --system --home-dir /var/lib/edgegw --shell /usr/sbin/nologin --groups dialout,i2c,spi,gpio edgegw
systemctl enable edgegw-firstboot.service edgegw.service
systemctl disable bluetooth.service || true
CHROOT
