#!/usr/bin/env python3
"""A real SMTP server on 127.0.0.1 for the mail tests (aiosmtpd).

Usage: smtp-server.py OUT_DIR [--auth USER:PASSWORD] [--starttls CERT KEY] [--drop-in-data]

Prints "port N" once it listens, then writes each message it accepts to OUT_DIR/N.json:
the envelope (mail_from, rcpt_tos), the headers the tests look at (decoded), the text and
HTML parts and the attachments (filename, content type, base64 of their bytes). Runs until
its standard input closes. --drop-in-data closes the connection while the message comes.
"""
import asyncio
import base64
import email
import email.policy
import json
import os
import socket
import ssl
import sys
import threading

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Handler:
    def __init__(self, out_dir, drop):
        self.out_dir = out_dir
        self.drop = drop
        self.count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        # A mailbox that does not exist, for the refusals.
        if address.startswith("nobody@"):
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.drop:
            session.transport.close()
            return "421 closing"
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "from": str(message["From"]),
            "to": str(message["To"]),
            "cc": str(message["Cc"]) if message["Cc"] is not None else None,
            "bcc": str(message["Bcc"]) if message["Bcc"] is not None else None,
            "subject": str(message["Subject"]),
            "date": str(message["Date"]),
            "message_id": str(message["Message-ID"]),
            "text": None,
            "html": None,
            "attachments": [],
        }
        for part in message.walk():
            if part.is_multipart():
                continue
            if part.get_content_disposition() == "attachment":
                record["attachments"].append({
                    "filename": part.get_filename(),
                    "content_type": part.get_content_type(),
                    "data": base64.b64encode(part.get_payload(decode=True)).decode(),
                })
            elif part.get_content_type() == "text/plain":
                record["text"] = part.get_content()
            elif part.get_content_type() == "text/html":
                record["html"] = part.get_content()
        self.count += 1
        path = os.path.join(self.out_dir, "%d.json" % self.count)
        with open(path + ".part", "w") as f:
            json.dump(record, f)
        os.rename(path + ".part", path)
        return "250 OK"


def main():
    args = sys.argv[1:]
    out_dir = args.pop(0)
    auth = None
    cert = key = None
    drop = False
    while args:
        a = args.pop(0)
        if a == "--auth":
            auth = args.pop(0).split(":", 1)
        elif a == "--starttls":
            cert, key = args.pop(0), args.pop(0)
        elif a == "--drop-in-data":
            drop = True
    kwargs = {}
    if auth is not None:
        def authenticator(server, session, envelope, mechanism, auth_data):
            ok = (isinstance(auth_data, LoginPassword) and
                  auth_data.login.decode() == auth[0] and auth_data.password.decode() == auth[1])
            # handled=False: aiosmtpd answers the refusal itself (535)
            return AuthResult(success=ok, handled=False)
        kwargs.update(authenticator=authenticator, auth_required=True,
                      auth_require_tls=cert is not None)
    if cert is not None:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(cert, key)
        kwargs.update(tls_context=context, require_starttls=True)
    port = free_port()
    controller = Controller(Handler(out_dir, drop), hostname="127.0.0.1", port=port, **kwargs)
    controller.start()
    print("port %d" % port, flush=True)
    sys.stdin.read()
    controller.stop()


if __name__ == "__main__":
    main()
