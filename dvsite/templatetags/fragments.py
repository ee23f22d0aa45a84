"""{% load fragments %}{% fragment "name" var … %}…{% endfragment %}: the enclosed part rendered once
per content generation (core/fragments.py) for each value of the variables named after the name.

For a costly part that depends only on content and on those variables (the month grid of the
calendar), never on the request or the visitor.
"""

from django import template

from core import fragments

register = template.Library()


class FragmentNode(template.Node):
    def __init__(self, nodelist, name, vary_on):
        self.nodelist, self.name, self.vary_on = nodelist, name, vary_on

    def render(self, context):
        parts = [str(self.name.resolve(context))]
        parts += [str(value.resolve(context)) for value in self.vary_on]
        key = "html:" + ":".join(part.replace(":", "%3A") for part in parts)
        return fragments.cached(key, lambda: self.nodelist.render(context))


@register.tag
def fragment(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("{% fragment %} needs a name.")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(
        nodelist, parser.compile_filter(bits[1]), [parser.compile_filter(bit) for bit in bits[2:]]
    )
