"""The plan's section IV, as the catalogue's first published version (2023-2025).

Wording copied from the plan (Kế hoạch tuyên truyền gương điển hình tiên tiến giai đoạn
2023 - 2025 của UBND tỉnh Ninh Bình) with its line wrapping undone and nothing else changed.
Migrations read this module; edit it only to correct a transcription error.
"""

VERSION = {
    "code": "2023-2025",
    "title": "Tiêu chuẩn điển hình tiên tiến giai đoạn 2023 - 2025",
    "source": "Kế hoạch tuyên truyền gương điển hình tiên tiến giai đoạn 2023 - 2025 của Ủy ban "
    "nhân dân tỉnh Ninh Bình (thực hiện Quyết định số 1526/QĐ-TTg ngày 09/12/2022 của "
    "Thủ tướng Chính phủ), mục IV",
    "valid_from": 2023,
    "valid_to": None,
}

SUBJECTS = "Tập thể, cá nhân, hộ gia đình có thành tích tiêu biểu, xuất sắc trong lao động, sản xuất, kinh doanh, học tập, công tác, huấn luyện, sẵn sàng chiến đấu, chiến đấu và phục vụ chiến đấu, là nhân tố nổi trội, dẫn đầu trong các phong trào thi đua được tập thể ghi nhận, suy tôn; có khả năng cổ vũ, lôi cuốn, nêu gương."

SPECIFIC_PREAMBLE = "Căn cứ tiêu chuẩn chung của tập thể, cá nhân, hộ gia đình điển hình tiên tiến, các cơ quan, đơn vị, địa phương xây dựng quy định về đối tượng, tiêu chuẩn cụ thể đối với điển hình tiên tiến của cơ quan, đơn vị, địa phương mình và đối tượng, tiêu chuẩn cụ thể đối với điển hình tiên tiến thuộc ngành, lĩnh vực quản lý, phụ trách trên địa bàn tỉnh đảm bảo sát với tình hình thực tế."

GENERAL_CRITERIA = [
    "Gương mẫu, chấp hành tốt đường lối, chủ trương của Đảng, chính sách, pháp luật của Nhà nước.",
    "Hoàn thành xuất sắc các nhiệm vụ được giao.",
    "Có mô hình mới, cách làm hay, sáng kiến, giải pháp sáng tạo, mang lại hiệu quả thiết thực và là nhân tố nổi trội, tiêu biểu, dẫn đầu trong các phong trào thi đua do các cấp, các ngành, cơ quan, đơn vị, địa phương tổ chức phát động.",
    "Có tinh thần tương thân tương ái, giúp đỡ nhau cùng tiến bộ; tích cực tham gia các hoạt động nhân đạo, từ thiện, các hoạt động xã hội khác nhằm thực hiện tốt công tác an sinh xã hội, góp phần tích cực vào sự nghiệp xây dựng Chủ nghĩa xã hội và bảo vệ Tổ quốc.",
]

# (code, field name, the plan's specific criterion for the field)
FIELDS = [
    (
        "party-government",
        "Xây dựng Đảng, chính quyền, đoàn thể",
        "Trong lĩnh vực xây dựng Đảng, chính quyền, đoàn thể: Quan tâm phát hiện, xây dựng những điển hình tiên tiến trong xây dựng, phát triển Đảng, chính quyền, đoàn thể dám nghĩ, dám làm, dám chịu trách nhiệm, có tinh thần đấu tranh phòng, chống tham nhũng, tiêu cực, là điển hình trong học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.",
    ),
    (
        "defence-security",
        "Quốc phòng, an ninh",
        "Trong lĩnh vực quốc phòng, an ninh: Quan tâm phát hiện, xây dựng những điển hình tiên tiến trong công tác huấn luyện, sẵn sàng chiến đấu, xây dựng đơn vị vững mạnh toàn diện “mẫu mực, tiêu biểu”, tham gia phòng, chống thiên tai, dịch bệnh; đấu tranh phòng, chống tội phạm và tệ nạn xã hội, giữ vững an ninh chính trị, trật tự an toàn xã hội.",
    ),
    (
        "industry-construction-transport",
        "Công thương, xây dựng, giao thông vận tải",
        "Trong lĩnh vực công thương, xây dựng, giao thông vận tải: Quan tâm phát hiện, xây dựng những điển hình tiên tiến trong công tác bảo đảm lưu thông hàng hóa và xuất khẩu; phát triển thương mại điện tử, tăng cường quản lý thị trường..., phát huy sáng kiến, cải tiến kỹ thuật, thực hành tiết kiệm, chống lãng phí, ứng dụng khoa học và công nghệ.",
    ),
    (
        "agriculture",
        "Nông nghiệp",
        "Trong lĩnh vực nông nghiệp: Quan tâm phát hiện, xây dựng những điển hình tiên tiến trong công tác sản xuất, chế biến kinh doanh nông nghiệp sạch, nông nghiệp hữu cơ, nông nghiệp tuần hoàn, sinh thái và trong xây dựng nông thôn mới.",
    ),
    (
        "finance-banking",
        "Tài chính, ngân hàng",
        "Trong lĩnh vực tài chính, ngân hàng: Quan tâm phát hiện, xây dựng những điển hình tiên tiến trong công tác hiện đại hóa công nghệ ngân hàng, phát triển thương hiệu, sản phẩm, dịch vụ; thu ngân sách nhà nước...",
    ),
    (
        "health",
        "Y tế",
        "Trong lĩnh vực y tế: Quan tâm phát hiện, xây dựng những điển hình tiên tiến có chuyên môn vững vàng gắn liền với y đức tốt trong tất cả các lĩnh vực của ngành y tế góp phần nâng cao sức khỏe cả về thể chất và tinh thần, tầm vóc, tuổi thọ, chất lượng cuộc sống của người dân; xây dựng hệ thống y tế công bằng, chất lượng, hiệu quả và hội nhập quốc tế.",
    ),
    (
        "education-training",
        "Giáo dục và đào tạo",
        "Trong lĩnh vực giáo dục và đào tạo: Quan tâm phát hiện, xây dựng những điển hình tiên tiến trong việc nâng cao chất lượng, hiệu quả giáo dục, đào tạo, giảng dạy, học tập, phát triển giáo dục toàn diện.",
    ),
    (
        "science-technology",
        "Khoa học và công nghệ",
        "Trong lĩnh vực khoa học và công nghệ: Quan tâm phát hiện, xây dựng những điển hình tiên tiến trong phát huy tiềm lực khoa học và công nghệ quốc gia, thúc đẩy hoạt động đổi mới, sáng tạo; phát huy năng lực, trí tuệ tập thể, cá nhân.",
    ),
    (
        "culture-arts-sports",
        "Văn hóa, nghệ thuật, thể dục thể thao",
        "Trong lĩnh vực văn hóa, nghệ thuật, thể dục thể thao: Quan tâm phát hiện, xây dựng những điển hình tiên tiến trong việc lan tỏa, tôn vinh các giá trị chân - thiện - mỹ, đưa văn hóa thực sự trở thành sức mạnh nội sinh trong phát triển kinh tế - xã hội địa phương.",
    ),
    (
        "foreign-affairs",
        "Đối ngoại",
        "Trong lĩnh vực đối ngoại: Quan tâm phát hiện, xây dựng những điển hình tiên tiến có cách làm sáng tạo, đổi mới tư duy, tạo chuyển biến mạnh mẽ trong hợp tác quốc tế trên các lĩnh vực kinh tế, khoa học, công nghệ, giáo dục, lao động, giao lưu nhân dân, chống biến đổi khí hậu..., lồng ghép các mục tiêu phát triển vào nhiệm vụ đối ngoại.",
    ),
    (
        "information-communications",
        "Thông tin và truyền thông",
        "Trong lĩnh vực thông tin và truyền thông: Quan tâm phát hiện, xây dựng những điển hình tiên tiến trong lĩnh vực ứng dụng công nghệ thông tin, chuyển đổi số, công nghiệp công nghệ số, bảo đảm an toàn, an ninh mạng, xây dựng kinh tế số và xã hội số; các điển hình tiên tiến trong lĩnh vực báo chí, truyền thông.",
    ),
    (
        "administrative-reform",
        "Cải cách hành chính",
        "Trong lĩnh vực cải cách hành chính: Quan tâm phát hiện, xây dựng những điển hình tiên tiến trong thực hiện chương trình cải cách hành chính góp phần xây dựng nền hành chính dân chủ, chuyên nghiệp, hiện đại, tinh gọn, hiệu lực, hiệu quả, có năng lực kiến tạo phát triển, liêm chính, phục vụ nhân dân.",
    ),
    (
        "social-security",
        "An sinh xã hội",
        "Trong lĩnh vực an sinh xã hội: Quan tâm phát hiện, xây dựng những điển hình tiên tiến trong công tác giảm nghèo, bảo đảm an sinh xã hội, từ thiện nhân đạo, đảm bảo sự gắn kết chặt chẽ, hài hòa giữa phát triển kinh tế với nâng cao đời sống vật chất và tinh thần cho người dân.",
    ),
    (
        "social-life",
        "Đời sống xã hội",
        "Trong đời sống xã hội: Quan tâm phát hiện, xây dựng những điển hình tiên tiến trong quần chúng nhân dân, nhất là người trực tiếp lao động, sản xuất, gương mẫu xây dựng đời sống văn hóa, tích cực tham gia bảo vệ môi trường, phòng chống thiên tai, dịch bệnh...",
    ),
]
