"""Admin login is throttled (django-axes): after 5 wrong passwords the right one fails too."""

from django.urls import reverse


def _log_in(client, password: str, username: str = "editor"):
    return client.post(
        reverse("admin:login") + "?next=/admin/",
        {"username": username, "password": password},
        REMOTE_ADDR="203.0.113.7",
    )


def test_thirty_wrong_passwords_lock_the_right_one_out(client, django_user_model):
    django_user_model.objects.create_superuser("editor", "e@example.com", "right-password")
    assert _log_in(client, "right-password").status_code == 302  # works before
    client.logout()
    for attempt in range(30):
        response = _log_in(client, f"wrong-{attempt}")
        assert response.status_code in (200, 429), response.status_code
    response = _log_in(client, "right-password")
    assert response.status_code == 429
    assert not client.get(reverse("admin:index")).wsgi_request.user.is_authenticated
    assert _log_in(client, "anything", username="someone-else").status_code == 200  # not locked


def test_a_few_mistakes_do_not_lock_anyone_out(client, django_user_model):
    django_user_model.objects.create_superuser("editor", "e@example.com", "right-password")
    for attempt in range(3):
        assert _log_in(client, f"wrong-{attempt}").status_code == 200
    assert _log_in(client, "right-password").status_code == 302
