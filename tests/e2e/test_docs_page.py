"""/docs under its own Content-Security-Policy in Chromium: the bundled Swagger UI and its inline
setup script run, fetch the schema, and nothing breaks the policy."""

from playwright.sync_api import Browser, BrowserContext

from afterword.settings import Settings
from afterword.web.app import create_app
from tests.support.server import running_server


def test_the_docs_run_under_their_policy(
    browser: Browser, settings: Settings, contexts: list[BrowserContext]
) -> None:
    with running_server(create_app(settings.model_copy(update={"api_docs": True}))) as server:
        docs_run_under_their_policy(browser, server, contexts)


def docs_run_under_their_policy(browser: Browser, server: str, contexts: list[BrowserContext]) -> None:
    context = browser.new_context()
    contexts.append(context)
    page = context.new_page()
    complaints: list[str] = []
    page.on("console", lambda message: complaints.append(message.text))
    with page.expect_response(f"{server}/openapi.json"):
        answer = page.goto(f"{server}/docs")
    assert answer is not None and "default-src 'self'" in answer.headers["content-security-policy"]
    assert page.evaluate("typeof ui") == "object", "the inline setup script did not run"
    page.wait_for_function("document.querySelector('#swagger-ui').innerText.length > 0", timeout=30_000)
    assert [c for c in complaints if "Content Security Policy" in c] == []
