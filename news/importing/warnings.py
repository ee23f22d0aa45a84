"""What an import could not decide, said to the editor on the post (`Post.import_warnings`)."""

from .parsing import CAPTION

NO_DATE = "Không tìm thấy ngày đăng: bài được lưu nháp, cần bổ sung ngày trước khi xuất bản."
NO_BYLINE = "Không tìm thấy tác giả (bút danh) trong bài."
NO_SOURCE = "Không tìm thấy nguồn của bài."


def import_warnings(article):
    """One line each: missing date, byline or source; the source's view count; pictures named
    in the page but not copied (the editor uploads them)."""
    lines = list(article.warnings)
    if article.published_on is None:
        lines.append(NO_DATE)
    if not article.byline:
        lines.append(NO_BYLINE)
    if not article.source_name:
        lines.append(NO_SOURCE)
    if article.view_count is not None:
        lines.append(
            f"Lượt xem tại trang nguồn: {article.view_count} "
            "(giữ làm thông tin, không tính vào lượt xem của trang này)."
        )
    for block in article.blocks:
        if block.kind != CAPTION:
            continue
        if block.image:
            lines.append(f"Ảnh chưa tải lên: {block.image} (chú thích “{block.text}”).")
        else:
            lines.append(f"Chú thích “{block.text}” không kèm ảnh: cần bổ sung ảnh.")
    return lines
