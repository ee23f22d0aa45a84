from accounts import admin_permissions

# The group and user forms list permissions in Vietnamese ("Thêm bài viết", not "Can add …").
admin_permissions.register()
