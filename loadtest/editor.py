"""The editor at work during the load: every second a post is written and published, or a
published post is revised, through the model methods the admin itself calls (Django is set up
in this process, against the same database as gunicorn)."""

import http.client
import threading
import time

ACTIONS = ("publish_new", "revise", "revise_title")


def editorial_users():
    """A Biên tập viên and a Duyệt tin member for the load test (created once)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from core import roles

    User = get_user_model()
    users = []
    for username, group in (
        ("loadtest-bientap", roles.EDITORS),
        ("loadtest-duyettin", roles.PUBLISHERS),
    ):
        user, _ = User.objects.get_or_create(
            username=username, defaults={"is_staff": True, "email": f"{username}@example.org"}
        )
        user.groups.add(Group.objects.get(name=group))
        users.append(user)
    return users


class Editor(threading.Thread):
    """`port` is where the readers go (gunicorn, or nginx in front of the servers); a new post
    counts as visible, and as listed, only when every port of `port` and `also` (each application
    server directly) shows it at once."""

    def __init__(self, host, port, pool, deadline, interval=1.0, also=()):
        super().__init__(name="editor", daemon=True)
        self.host, self.pool = host, pool
        self.ports = [port, *also]
        self.deadline, self.interval = deadline, interval
        self.done = dict.fromkeys(ACTIONS, 0)
        self.latencies = []
        self.errors = []
        self.visible = 0  # new posts whose page answered 200 everywhere right after publishing
        self.listed = 0  # … and that the news list showed at once everywhere (a shared cache)
        self.mine = []  # posts this editor published

    def run(self):
        from django.db import connection

        self.editor, self.publisher = editorial_users()
        tick = 0
        try:
            while time.monotonic() < self.deadline:  # bounded by the deadline
                started = time.monotonic()
                action = ACTIONS[tick % len(ACTIONS)] if self.mine else "publish_new"
                try:
                    getattr(self, action)(tick)
                    self.done[action] += 1
                except Exception as error:  # noqa: BLE001 — every failure is reported
                    self.errors.append(f"{action}: {type(error).__name__}: {error}")
                self.latencies.append(time.monotonic() - started)
                tick += 1
                time.sleep(max(0.0, self.interval - (time.monotonic() - started)))
        finally:
            connection.close()

    def publish_new(self, tick):
        from news.models import Category, Post

        post = Post(
            title=f"Tin kiểm thử tải số {tick}: hội nghị dân vận khéo",
            summary="Sáng nay, Ban Dân vận Tỉnh ủy tổ chức hội nghị trực tuyến với 91 điểm cầu.",
            body="<p>Hội nghị quán triệt Quy chế công tác dân vận của hệ thống chính trị.</p>",
            byline="Phóng viên",
            category=Category.objects.order_by("pk").first(),
            created_by=self.editor,
        )
        post.save()
        post.tags.add("Dân vận khéo")
        post.submit(self.editor)
        post.publish(self.publisher)
        self.mine.append(post.pk)
        self.pool.posts.append(post.slug)  # readers start opening it
        url = post.get_absolute_url()
        statuses = [self._get(port, url)[0] for port in self.ports]
        if set(statuses) == {200}:
            self.visible += 1
        else:
            self.errors.append(
                f"publish_new: {post.slug} answered {statuses} on ports {self.ports} after publishing"
            )
        lists = [self._get(port, "/tin-tuc/") for port in self.ports]
        self.listed += all(status == 200 and url.encode() in body for status, body in lists)

    def revise(self, tick):
        from news.models import Post

        post = Post.objects.get(pk=self.mine[tick % len(self.mine)])
        post.summary = f"{post.summary.split(' (cập nhật')[0]} (cập nhật lần {tick})"
        post.updated_by = self.publisher
        post.save()

    def revise_title(self, tick):
        from news.models import Post

        post = Post.objects.get(pk=self.mine[-1])
        post.title = f"{post.title.split(' – ')[0]} – cập nhật {tick}"
        post.updated_by = self.publisher
        post.save()

    def _get(self, port, url):
        connection = http.client.HTTPConnection(self.host, port, timeout=30)
        try:
            connection.request("GET", url)
            response = connection.getresponse()
            return response.status, response.read()
        finally:
            connection.close()
