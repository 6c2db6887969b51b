#!/usr/bin/env python3
"""A stand-in for the desktop's Email portal (org.freedesktop.portal.Email), on the test's
private session bus: the real portal (xdg-desktop-portal and a mail program) cannot run
headless. It speaks the portal's D-Bus interface as the specification says, so the app's
real D-Bus call, its file descriptors included, is what is tested.

Usage: email-portal.py OUT_DIR

Prints "ready" once it owns org.freedesktop.portal.Desktop, then writes each ComposeEmail
it receives to OUT_DIR/N.json: addresses, subject, body, and each attachment's bytes read
from its descriptor (base64). Runs until its standard input closes.
"""
import base64
import json
import os
import sys
import threading

from gi.repository import Gio, GLib

XML = """
<node>
  <interface name="org.freedesktop.portal.Email">
    <method name="ComposeEmail">
      <arg type="s" name="parent_window" direction="in"/>
      <arg type="a{sv}" name="options" direction="in"/>
      <arg type="o" name="handle" direction="out"/>
    </method>
    <property name="version" type="u" access="read"/>
  </interface>
</node>
"""


def main():
    out_dir = sys.argv[1]
    loop = GLib.MainLoop()
    count = [0]
    node = Gio.DBusNodeInfo.new_for_xml(XML)

    def on_call(connection, sender, path, interface, method, parameters, invocation):
        parent, options = parameters.unpack()
        fds = invocation.get_message().get_unix_fd_list()
        attachments = []
        for index in options.get("attachment_fds", []):
            fd = fds.get(index)
            with os.fdopen(fd, "rb") as f:
                attachments.append(base64.b64encode(f.read()).decode())
        count[0] += 1
        record = {
            "parent_window": parent,
            "addresses": options.get("addresses", []),
            "subject": options.get("subject"),
            "body": options.get("body"),
            "attachments": attachments,
        }
        with open(os.path.join(out_dir, "%d.json" % count[0]), "w") as f:
            json.dump(record, f)
        invocation.return_value(GLib.Variant("(o)", ("/org/freedesktop/portal/desktop/request/1_1/t",)))

    def on_get_property(connection, sender, path, interface, name):
        return GLib.Variant("u", 4)

    def on_bus(connection, name):
        connection.register_object("/org/freedesktop/portal/desktop", node.interfaces[0],
                                   on_call, on_get_property, None)

    def on_name(connection, name):
        print("ready", flush=True)

    def on_lost(connection, name):
        print("lost", flush=True)
        loop.quit()

    Gio.bus_own_name(Gio.BusType.SESSION, "org.freedesktop.portal.Desktop",
                     Gio.BusNameOwnerFlags.NONE, on_bus, on_name, on_lost)

    def wait_for_stdin():
        sys.stdin.read()
        GLib.idle_add(loop.quit)

    threading.Thread(target=wait_for_stdin, daemon=True).start()
    loop.run()


if __name__ == "__main__":
    main()
