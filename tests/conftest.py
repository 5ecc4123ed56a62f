import pytest
from django.core.cache import cache

from demo.loader import load

# Real SMTP servers (aiosmtpd), a closed port and a silent server, for any test module to use.
from tests.smtp import closed_smtp, hanging_smtp, smtp_server  # noqa: F401, E402


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Tests share one cache (Redis in CI); each starts from empty so none sees another's state.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    # Build the demo site once per test database; each test runs in a transaction rolled back after it.
    with django_db_blocker.unblock():
        load()


@pytest.fixture
def demo(db):
    """The demo site, as `make run` builds it; returns the English home page."""
    from site_core.models import HomePage

    home = HomePage.objects.filter(locale__language_code="en").first()
    # A transactional test before this one may have flushed the database.
    return home if home is not None else load()


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("boss", "boss@example.com", "a-long-test-password-1")
    client.force_login(user)
    verify_second_factor(client, user)
    return client


def verify_second_factor(client, user):
    """Give a force-logged-in client a session that has passed two-step sign-in (site_core.security.two_factor)."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
