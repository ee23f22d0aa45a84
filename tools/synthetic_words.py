"""The words synthetic content is made of: Vietnamese titles, sentences, names and places that
read like the commission's own news (see `tools.synthetic`)."""

CATEGORIES = [
    "Tin tức – Sự kiện",
    "Dân vận khéo",
    "Quy chế dân chủ ở cơ sở",
    "Dân vận chính quyền",
    "Công tác dân tộc – tôn giáo",
    "Mặt trận và các đoàn thể",
    "Gương điển hình",
    "Nghiên cứu – Trao đổi",
]

EXTRA_TOPICS = [
    "Nông thôn mới",
    "Chuyển đổi số",
    "Giảm nghèo bền vững",
    "Công tác dân tộc",
    "Ngày truyền thống công tác dân vận",
    "Đại đoàn kết toàn dân tộc",
]

ACTORS = [
    "Ban Dân vận Tỉnh ủy",
    "Ủy ban MTTQ Việt Nam tỉnh",
    "Hội Nông dân tỉnh",
    "Hội Liên hiệp Phụ nữ tỉnh",
    "Tỉnh đoàn",
    "Liên đoàn Lao động tỉnh",
    "Hội Cựu chiến binh tỉnh",
    "Ban Dân vận Huyện ủy Kim Bảng",
    "Ban Dân vận Huyện ủy Lý Nhân",
    "Ban Dân vận Thị ủy Duy Tiên",
    "Đảng ủy Khối các cơ quan tỉnh",
    "UBND tỉnh",
    "Khối Dân vận tỉnh",
]
ACTIONS = [
    "tổ chức hội nghị sơ kết",
    "tổng kết",
    "triển khai",
    "mở lớp tập huấn về",
    "khảo sát việc thực hiện",
    "tọa đàm về",
    "phát động thi đua thực hiện",
    "kiểm tra, giám sát",
    "biểu dương điển hình trong",
    "hướng dẫn thực hiện",
    "đẩy mạnh",
    "nâng cao hiệu quả",
]
SUBJECTS = [
    "phong trào thi đua “Dân vận khéo”",
    "Quy chế dân chủ ở cơ sở",
    "Luật Thực hiện dân chủ ở cơ sở",
    "công tác dân vận của chính quyền",
    "công tác tôn giáo",
    "xây dựng nông thôn mới kiểu mẫu",
    "công tác dân vận trong lực lượng vũ trang",
    "học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    "Kết luận số 43-KL/TW của Ban Bí thư",
    "Quyết định số 23-QĐ/TW của Bộ Chính trị",
    "công tác dân tộc ở vùng đồng bào",
    "giảm nghèo bền vững",
    "chuyển đổi số trong công tác dân vận",
    "mô hình “Chính quyền thân thiện, vì nhân dân phục vụ”",
    "cuộc vận động “Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh”",
]
SUFFIXES = [
    "năm {year}",
    "giai đoạn 2021–2025",
    "tại huyện Thanh Liêm",
    "ở thị xã Duy Tiên",
    "6 tháng đầu năm {year}",
    "nhiệm kỳ 2020–2025",
    "tại xã Nhân Thịnh",
    "",
]
SENTENCES = [
    "Tham dự hội nghị có đồng chí Trưởng Ban Dân vận Tỉnh ủy cùng đại diện lãnh đạo các sở, ban, ngành.",
    "Năm qua, toàn tỉnh có hơn {n} mô hình “Dân vận khéo” được công nhận ở các cấp.",
    "Các cấp ủy, chính quyền đã quan tâm lãnh đạo, chỉ đạo thực hiện tốt Quy chế dân chủ ở cơ sở.",
    "Hội nghị đã nghe các báo cáo tham luận và trao đổi kinh nghiệm thực tiễn ở cơ sở.",
    "Đội ngũ cán bộ làm công tác dân vận được bồi dưỡng, tập huấn nghiệp vụ thường xuyên.",
    "Mặt trận Tổ quốc và các đoàn thể chính trị – xã hội phát huy vai trò giám sát, phản biện xã hội.",
    "Nhân dân tích cực hiến đất, góp công làm đường giao thông nông thôn với tổng chiều dài {n} km.",
    "Đồng bào có đạo tin tưởng, đồng thuận với chủ trương của Đảng, chính sách, pháp luật của Nhà nước.",
    "Phong trào thi đua đã lan tỏa sâu rộng, tạo sự đồng thuận trong các tầng lớp nhân dân.",
    "Dịp này, {n} tập thể và cá nhân được khen thưởng vì có thành tích xuất sắc.",
    "Lớp bồi dưỡng có {n} học viên là cán bộ chủ chốt của các xã, phường, thị trấn.",
    "Công tác dân vận của chính quyền gắn với cải cách hành chính, nâng cao chỉ số hài lòng của người dân.",
    "Thực hiện phương châm “dân biết, dân bàn, dân làm, dân kiểm tra, dân giám sát, dân thụ hưởng”.",
    "Chuyển đổi số giúp người dân tiếp cận dịch vụ công trực tuyến nhanh chóng, thuận tiện hơn.",
    "Ban Dân vận Tỉnh ủy đề nghị các địa phương tiếp tục nhân rộng những cách làm hay, sáng tạo.",
]
BYLINES = ["Quỳnh Anh", "Minh Hằng", "Thanh Tùng", "Ban Dân vận Tỉnh ủy", "Hoàng Long", "Thu Hà"]
LOCATIONS = [
    "Hội trường Tỉnh ủy",
    "Trung tâm Hội nghị tỉnh",
    "Nhà văn hóa xã Nhân Thịnh",
    "Trụ sở UBND huyện Kim Bảng",
    "Trường Chính trị tỉnh",
    "Trực tuyến tới {n} điểm cầu",
]
DOC_TYPES = [
    ("Nghị quyết", "NQ"),
    ("Quyết định", "QĐ"),
    ("Chỉ thị", "CT"),
    ("Kết luận", "KL"),
    ("Quy chế", "QC"),
    ("Hướng dẫn", "HD"),
    ("Kế hoạch", "KH"),
    ("Đề án", "ĐA"),
    ("Thông báo", "TB"),
    ("Báo cáo", "BC"),
]
ISSUERS = [
    ("Ban Chấp hành Trung ương", "TW"),
    ("Ban Thường vụ Tỉnh ủy", "TU"),
    ("Ban Dân vận Tỉnh ủy", "BDVTU"),
    ("Đảng ủy Khối các cơ quan tỉnh", "ĐUK"),
    ("Ban Thường vụ Huyện ủy Kim Bảng", "HU"),
    ("Ban Dân vận Trung ương", "BDVTW"),
]
DOC_SUBJECTS = [
    "về tăng cường công tác dân vận trong tình hình mới",
    "ban hành Quy chế công tác dân vận của hệ thống chính trị",
    "về thực hiện phong trào thi đua “Dân vận khéo”",
    "về nâng cao chất lượng, hiệu quả thực hiện dân chủ ở cơ sở",
    "về công tác tôn giáo trên địa bàn tỉnh",
    "triển khai Luật Thực hiện dân chủ ở cơ sở",
    "về công tác dân vận của chính quyền các cấp",
    "tổng kết công tác dân vận năm",
]
SIGNERS = ["Nguyễn Văn A", "Trần Thị B", "Lê Minh C", "Phạm Quốc D", "Hoàng Thu E"]
