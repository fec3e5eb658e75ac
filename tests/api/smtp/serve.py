"""aiosmtpd for the tests: a Maildir on a loopback port, the port said on stdout.

    /usr/bin/python3 serve.py PORT MAILDIR

PORT 0 lets the kernel choose, so no test races another for a port it guessed was free;
a restart passes the port it was given the first time.
"""
import asyncio
import sys

from aiosmtpd.handlers import Mailbox
from aiosmtpd.smtp import SMTP


async def main(port, maildir):
    loop = asyncio.get_running_loop()
    server = await loop.create_server(lambda: SMTP(Mailbox(maildir)), "127.0.0.1", port)
    print(f"listening on port {server.sockets[0].getsockname()[1]}", flush=True)
    await server.serve_forever()


asyncio.run(main(int(sys.argv[1]), sys.argv[2]))
