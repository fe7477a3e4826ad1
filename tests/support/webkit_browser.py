#!/usr/bin/python3
"""A phone-sized WebKitGTK browser for WebKitWebDriver: the `binary` its browserOptions name.

It runs under Debian's own python3 (python3-gi, gir1.2-webkit2-4.1), not the test venv, so no
PyGObject is built from PyPI. Over MiniBrowser it adds what the tests need:

- every page's console, the engine's own messages included (CSP, unhandled rejections), is
  written to the file given with --console (WebDriver has no log endpoint in WebKitGTK, and
  MiniBrowser ignores its settings in the web views it makes for automation);
- a window with nothing around the web view, so 320 px is 320 CSS px;
- its own storage folder (--profile), kept across pages, like a phone's;
- the microphone allowed at the prompt (WebKit's mock device; the tests feed it speech);
- the Storage API (navigator.storage) on, as Safari ships it;
- a private mount namespace in which /etc/hosts maps the test name to loopback (--hosts) and,
  for a phone that installed Afterword's CA, the system trust bundle GnuTLS reads includes it
  (--ca-bundle). Nothing outside this process and its children sees either file;
- a phone that tapped past the certificate warning (--proceed HOST=PEM): WebKit's own per-host
  exception for that certificate, which is what "visit this website" does in Safari.
"""

import argparse
import ctypes
import ctypes.util
import os
import sys

MS_BIND = 4096
MS_REC = 16384
MS_PRIVATE = 1 << 18
CLONE_NEWNS = 0x00020000
CLONE_NEWUSER = 0x10000000
HOSTS = "/etc/hosts"
TRUST_BUNDLE = "/etc/ssl/certs/ca-certificates.crt"  # Debian's GnuTLS system trust
SAFARI_FEATURES = ("StorageAPI", "StorageAPIEstimate")


def parse() -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    parser.add_argument("--automation", action="store_true")
    parser.add_argument("--profile", required=True)
    parser.add_argument("--console", required=True)
    parser.add_argument("--hosts")
    parser.add_argument("--ca-bundle")
    parser.add_argument("--proceed", action="append", default=[])
    parser.add_argument("--size", default="390x844")
    parser.add_argument("url", nargs="?")
    return parser.parse_args()


def private_files(binds: list[tuple[str, str]]) -> None:
    """Bind the given files over system ones in a mount namespace of this process's own."""
    if not binds:
        return
    libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
    uid, gid = os.getuid(), os.getgid()
    flags = CLONE_NEWNS if uid == 0 else CLONE_NEWNS | CLONE_NEWUSER
    if libc.unshare(flags) != 0:
        raise SystemExit(f"webkit_browser: unshare failed: {os.strerror(ctypes.get_errno())}")
    if uid != 0:
        for name, text in (("setgroups", "deny"), ("uid_map", f"0 {uid} 1"), ("gid_map", f"0 {gid} 1")):
            with open(f"/proc/self/{name}", "w") as file:
                file.write(text)
    if libc.mount(None, b"/", None, MS_REC | MS_PRIVATE, None) != 0:
        raise SystemExit(f"webkit_browser: private mounts failed: {os.strerror(ctypes.get_errno())}")
    for source, target in binds:
        if libc.mount(source.encode(), target.encode(), None, MS_BIND, None) != 0:
            raise SystemExit(f"webkit_browser: bind {target} failed: {os.strerror(ctypes.get_errno())}")


def main() -> None:
    args = parse()
    binds = [(args.hosts, HOSTS)] if args.hosts else []
    if args.ca_bundle:
        binds.append((args.ca_bundle, TRUST_BUNDLE))
    private_files(binds)
    # The web processes inherit these descriptors: console lines land in the file.
    console = os.open(args.console, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    os.dup2(console, 1)
    os.dup2(console, 2)

    import gi

    gi.require_version("Gtk", "3.0")
    gi.require_version("WebKit2", "4.1")
    from gi.repository import Gio, Gtk, WebKit2

    width, height = (int(part) for part in args.size.split("x"))
    manager = WebKit2.WebsiteDataManager(
        base_data_directory=os.path.join(args.profile, "data"),
        base_cache_directory=os.path.join(args.profile, "cache"),
    )
    context = WebKit2.WebContext(website_data_manager=manager)
    context.set_automation_allowed(args.automation)
    for proceed in args.proceed:
        host, pem = proceed.split("=", 1)
        context.allow_tls_certificate_for_host(Gio.TlsCertificate.new_from_file(pem), host)
    settings = WebKit2.Settings(
        enable_write_console_messages_to_stdout=True,
        enable_media_stream=True,
        enable_mock_capture_devices=True,
        media_playback_requires_user_gesture=False,
        enable_developer_extras=True,
    )
    # Safari (17+) ships the Storage API (persist, estimate); WebKitGTK leaves it off by default.
    features = WebKit2.Settings.get_all_features()
    for index in range(features.get_length()):
        if features.get(index).get_identifier() in SAFARI_FEATURES:
            settings.set_feature_enabled(features.get(index), True)
    views: list[object] = []

    def allow(_view: object, request: object) -> bool:
        if isinstance(
            request, WebKit2.UserMediaPermissionRequest | WebKit2.WebsiteDataAccessPermissionRequest
        ):
            request.allow()
            return True
        return False

    def make_view(*_ignored: object) -> object:
        view = WebKit2.WebView(
            web_context=context, settings=settings, is_controlled_by_automation=args.automation
        )
        view.connect("permission-request", allow)
        window = Gtk.Window()
        window.set_default_size(width, height)
        window.add(view)
        view.connect("close", lambda *_: window.destroy())
        window.connect("destroy", lambda *_: quit_when_empty(view))
        window.show_all()
        views.append(view)
        return view

    def quit_when_empty(view: object) -> None:
        views.remove(view)
        if not views and not args.automation:
            Gtk.main_quit()

    def automation_started(_context: object, session: object) -> None:
        info = WebKit2.ApplicationInfo()
        info.set_name("MiniBrowser")
        info.set_version(1, 0, 0)
        session.set_application_info(info)
        session.connect("create-web-view", make_view)

    context.connect("automation-started", automation_started)
    if not args.automation:
        make_view().load_uri(args.url or "about:blank")
    Gtk.main()


if __name__ == "__main__":
    sys.exit(main())
