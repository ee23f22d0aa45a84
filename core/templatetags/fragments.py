"""{% load fragments %}{% fragment "name" var … on "kind" … %}…{% endfragment %}: the enclosed part
rendered once per content generation (core/fragments.py) for each value of the variables named
after the name; after `on`, the kinds of content it shows (app labels; default: all).

For a costly part that depends only on content and on those variables (the month grid of the
calendar, the body and boxes of a post), never on the request or the visitor. A preview
(`is_preview` in the context) and a signed-in visitor neither read nor fill the shared
fragments: they render the part anew, so a draft never reaches the public and nobody signed in
sees a part kept from before an edit.
"""

from django import template

from core import fragments

register = template.Library()


def shared_fragments_allowed(context):
    """Whether this rendering may use the public's fragments: not a preview, not signed in."""
    if context.get("is_preview"):
        return False
    user = getattr(context.get("request"), "user", None)
    return not (user is not None and user.is_authenticated)


class FragmentNode(template.Node):
    def __init__(self, nodelist, name, vary_on, kinds):
        self.nodelist, self.name, self.vary_on, self.kinds = nodelist, name, vary_on, kinds

    def render(self, context):
        if not shared_fragments_allowed(context):
            return self.nodelist.render(context)
        parts = [str(self.name.resolve(context))]
        parts += [str(value.resolve(context)) for value in self.vary_on]
        key = "html:" + ":".join(part.replace(":", "%3A") for part in parts)
        kinds = {str(kind.resolve(context)) for kind in self.kinds} or None
        return fragments.cached(key, lambda: self.nodelist.render(context), kinds=kinds)


@register.tag
def fragment(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("{% fragment %} needs a name.")
    vary_on, kinds = bits[2:], []
    if "on" in vary_on:
        at = vary_on.index("on")
        vary_on, kinds = vary_on[:at], vary_on[at + 1 :]
        if not kinds:
            raise template.TemplateSyntaxError("{% fragment %}: name the kinds after 'on'.")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(
        nodelist,
        parser.compile_filter(bits[1]),
        [parser.compile_filter(bit) for bit in vary_on],
        [parser.compile_filter(bit) for bit in kinds],
    )
