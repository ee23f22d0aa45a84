from django.contrib.sitemaps import Sitemap

from voice.models import Question


class QuestionSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.5
    limit = 5000

    def items(self):
        return Question.objects.published().only("slug", "updated_at").order_by("-id")

    def lastmod(self, question):
        return question.updated_at
