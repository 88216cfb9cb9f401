"""What the demo province's exemplars say (``registry.demo_province``): who they are and
what they achieved, by field of the catalogue, in the words of a commendation report.

Templates are filled by ``registry.demo_province.fill``: ``[a|b|c]`` picks one of the
alternatives, ``{10-40}`` a whole number in the range (``{1.5-4.0}`` one with a decimal),
``{y}``, ``{y-1}``, ``{y+1}`` the record's year and its neighbours, and a name the record's
context: ``{place}`` (the commune or district, "xã Gia Hưng"), ``{village}``
("thôn Yên Thịnh", "tổ dân phố số 4"), ``{area}`` (a locality of the province, "Kim Sơn"),
``{dept}`` (a hospital department), ``{model}`` (the record's initiative, in quotes),
``{unit}`` (the unit's name).

Each field has a ``province`` profile (departments, provincial bodies and mass
organisations) and, where the field is worked at the grassroots, a ``local`` one (districts,
communes and wards). The people, figures and initiatives are illustrative.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Profile:
    """Who can be an exemplar of a field at one level, and what they did."""

    # (name, head's title or "", members (low, high))
    collectives: tuple = ()
    # (position, workplace, gender: "male", "female" or "", born (from, to))
    people: tuple = ()
    # What a household of the field does (the household's own line of work).
    households: tuple = ()
    # Achievements by subject kind.
    results: dict = field(default_factory=dict)
    # (initiative, what it does)
    models: tuple = ()
    # Evidence for the field's specific criterion.
    specific: tuple = ()


HOSPITAL_DEPARTMENTS = [
    "Nội tổng hợp",
    "Hồi sức tích cực - Chống độc",
    "Ngoại chấn thương",
    "Phụ sản",
    "Nhi",
    "Truyền nhiễm",
    "Y học cổ truyền",
    "Xét nghiệm",
    "Chẩn đoán hình ảnh",
    "Tim mạch",
    "Thận nhân tạo",
    "Ung bướu",
    "Phục hồi chức năng",
    "Dinh dưỡng",
]

PROFILES: dict[tuple[str, str], Profile] = {}

PROFILES["health", "province"] = Profile(
    collectives=(
        ("Khoa {dept} – Bệnh viện Đa khoa tỉnh", "Trưởng khoa", (18, 56)),
        ("Khoa {dept} – Bệnh viện Sản Nhi Ninh Bình", "Trưởng khoa", (16, 48)),
        ("Trung tâm Y tế khu vực {area}", "Giám đốc", (90, 260)),
        (
            "Khoa Kiểm soát bệnh truyền nhiễm – Trung tâm Kiểm soát bệnh tật tỉnh",
            "Trưởng khoa",
            (12, 25),
        ),
        ("Khoa Dược – Bệnh viện Y dược cổ truyền tỉnh", "Trưởng khoa", (10, 22)),
        ("Đội Cấp cứu ngoại viện 115 – Trung tâm Cấp cứu 115 tỉnh", "Đội trưởng", (14, 30)),
    ),
    people=(
        (
            "Bác sĩ chuyên khoa II, Trưởng khoa {dept}",
            "Bệnh viện Đa khoa tỉnh Ninh Bình",
            "",
            (1966, 1980),
        ),
        (
            "Điều dưỡng trưởng khoa {dept}",
            "Bệnh viện Đa khoa tỉnh Ninh Bình",
            "female",
            (1975, 1988),
        ),
        ("Bác sĩ, Phó Trưởng khoa {dept}", "Bệnh viện Sản Nhi Ninh Bình", "", (1980, 1990)),
        ("Dược sĩ chuyên khoa I, Trưởng khoa Dược", "Bệnh viện Phổi Ninh Bình", "", (1972, 1985)),
        ("Kỹ thuật viên trưởng khoa Xét nghiệm", "Trung tâm Y tế khu vực {area}", "", (1978, 1990)),
        ("Nữ hộ sinh, khoa Phụ sản", "Trung tâm Y tế khu vực {area}", "female", (1982, 1994)),
        ("Bác sĩ, Giám đốc", "Trung tâm Y tế khu vực {area}", "male", (1966, 1976)),
    ),
    results={
        "individual": (
            "@doctor Trực tiếp thực hiện và hướng dẫn đồng nghiệp thực hiện {120-480} ca [phẫu thuật|thủ thuật] trong năm {y}, không để xảy ra tai biến nghiêm trọng.",
            "@doctor Làm chủ kỹ thuật [lọc máu liên tục|nội soi tiêu hóa can thiệp|đặt stent mạch vành|siêu âm tim qua thực quản|thở máy không xâm nhập cho trẻ sơ sinh], giúp người bệnh không phải chuyển lên tuyến trung ương; riêng năm {y} điều trị tại chỗ {35-140} ca.",
            "@doctor,pharma,lab,director Chủ nhiệm đề tài khoa học cấp cơ sở “[Đánh giá kết quả điều trị|Khảo sát tình trạng dinh dưỡng|Ứng dụng thang điểm cảnh báo sớm] tại khoa {dept}” năm {y-1}, được Hội đồng khoa học Sở Y tế nghiệm thu loại xuất sắc.",
            "@doctor,nurse,pharma,midwife Tham gia {3-9} đợt khám bệnh, cấp thuốc miễn phí cho người có công, người cao tuổi ở các xã vùng khó khăn của khu vực {area}, khám cho hơn {600-2400} lượt người.",
            "@doctor,nurse,director Trực tiếp hướng dẫn {8-30} lượt bác sĩ, điều dưỡng tuyến cơ sở về chuyên môn theo Đề án 1816; ba năm liền không có đơn thư phản ánh về thái độ phục vụ.",
            "Trong đợt mưa lũ sau bão số 3 năm 2024, tình nguyện trực {10-21} ngày liền tại [điểm sơ tán|trạm y tế lưu động] ở {area}, sơ cứu và phát thuốc cho hơn {300-900} người dân.",
            "@doctor,nurse Tỷ lệ hài lòng của người bệnh với khoa năm {y} đạt {93-99}% theo khảo sát độc lập của Sở Y tế, cao nhất toàn bệnh viện.",
        ),
        "collective": (
            "@ward Năm {y}, khoa khám và điều trị cho {4000-18000} lượt người bệnh, công suất sử dụng giường bệnh {92-118}%, tỷ lệ tử vong giảm còn {0.2-0.9}%.",
            "@ward,centre Triển khai thành công {2-5} kỹ thuật mới lần đầu tiên thực hiện tại tỉnh, trong đó có [điều trị tiêu sợi huyết cho người bệnh đột quỵ|lọc máu hấp phụ|phẫu thuật nội soi một lỗ|can thiệp nút mạch], giảm chuyển tuyến trên {25-60}% so với năm {y-1}.",
            "@ward,centre Thực hiện hồ sơ bệnh án điện tử cho 100% người bệnh nội trú từ tháng {3-9}/{y}; thời gian chờ khám trung bình giảm từ {60-90} phút xuống còn {20-35} phút.",
            "Tập thể lao động xuất sắc {3-6} năm liền; {2-6} cá nhân đạt danh hiệu Chiến sĩ thi đua cơ sở năm {y-1}.",
            "@ward,centre,ems Không để xảy ra sai sót chuyên môn nghiêm trọng; đạt {4.2-4.8}/5 điểm trong đánh giá chất lượng bệnh viện của Sở Y tế năm {y}.",
            "@cdc,centre Kịp thời khoanh vùng, xử lý {8-40} ổ dịch [sốt xuất huyết|tay chân miệng|sởi] trong năm {y}, không để dịch lan rộng trong cộng đồng.",
        ),
    },
    models=(
        (
            "@ward,centre,doctor,director,nurse Phòng khám thân thiện với người cao tuổi",
            "bố trí bàn tiếp đón riêng, ưu tiên khám và cấp thuốc cho người trên 75 tuổi, rút ngắn thời gian chờ {30-45}%",
        ),
        (
            "@centre,director Đặt lịch khám qua Zalo của bệnh viện",
            "người bệnh chọn giờ khám trên điện thoại; năm {y} có {9000-26000} lượt đặt lịch, giảm ùn tắc ở khu khám bệnh",
        ),
        (
            "@ward,nurse Bệnh viện không khói thuốc – khoa không người nhà chăm sóc",
            "điều dưỡng đảm nhận toàn bộ chăm sóc cơ bản, người nhà không phải ở lại qua đêm",
        ),
        (
            "@ward,centre,doctor,director Hội chẩn từ xa với tuyến cơ sở",
            "kết nối trực tuyến với {8-22} trạm y tế và trung tâm y tế, hội chẩn {90-300} ca mỗi năm, giảm chuyển viện không cần thiết",
        ),
        (
            "@midwife,neonatal Ngân hàng sữa mẹ",
            "tiếp nhận và thanh trùng sữa mẹ hiến tặng cho {120-400} trẻ sơ sinh non tháng mỗi năm",
        ),
        (
            "@ward,doctor,nurse Chăm sóc giảm nhẹ tại nhà cho người bệnh ung thư giai đoạn cuối",
            "nhóm bác sĩ, điều dưỡng thăm khám tại nhà cho {30-90} người bệnh, giảm số ngày nằm viện",
        ),
        (
            "@ward,nurse,doctor,ems Cảnh báo sớm người bệnh nặng bằng thang điểm NEWS",
            "điều dưỡng chấm điểm mỗi ca trực, phát hiện sớm {40-120} ca diễn biến nặng mỗi năm",
        ),
    ),
    specific=(
        "Thực hiện tốt Quy tắc ứng xử của công chức, viên chức ngành Y tế; không có đơn thư phản ánh về y đức trong năm {y}.",
        "Đạt chuẩn năng lực chuyên môn theo yêu cầu của Bộ Y tế; tham gia đầy đủ các lớp đào tạo liên tục ({24-48} tiết trong năm {y}).",
        "Áp dụng hiệu quả tiến bộ khoa học kỹ thuật trong khám, chữa bệnh, được Hội đồng khoa học Sở Y tế xác nhận.",
    ),
)

PROFILES["health", "local"] = Profile(
    collectives=(
        ("Trạm Y tế {place}", "Trưởng trạm", (6, 12)),
        ("Đội y tế lưu động {place}", "Đội trưởng", (6, 14)),
    ),
    people=(
        ("Trưởng Trạm Y tế", "Trạm Y tế {place}", "", (1970, 1986)),
        ("Y sĩ, Trạm Y tế", "Trạm Y tế {place}", "", (1980, 1994)),
        ("Nhân viên y tế thôn", "{Village}, {place}", "female", (1968, 1985)),
    ),
    results={
        "individual": (
            "@station Quản lý, theo dõi {120-380} người mắc tăng huyết áp, đái tháo đường trên địa bàn; {85-96}% người bệnh được điều trị ổn định.",
            "@station,village_health Tiêm chủng đầy đủ cho {96-100}% trẻ dưới 1 tuổi của {village} năm {y}; không để xảy ra tai biến sau tiêm.",
            "@station,village_health Hơn {15-30} năm gắn bó với công tác y tế cơ sở, được nhân dân tin tưởng gọi là “bác sĩ của làng”.",
            "@village_health,station Trực tiếp tuyên truyền phòng chống sốt xuất huyết tới {300-900} hộ gia đình; năm {y} không có ca bệnh lây lan tại địa phương.",
        ),
        "collective": (
            "Đạt Bộ tiêu chí quốc gia về y tế xã; khám, chữa bệnh bảo hiểm y tế cho {3500-9000} lượt người năm {y}.",
            "Tỷ lệ trẻ em dưới 1 tuổi được tiêm chủng đầy đủ đạt {97-100}%; {96-100}% phụ nữ mang thai được khám thai đủ ba lần.",
            "Lập hồ sơ sức khỏe điện tử cho {85-98}% người dân; phối hợp khám sàng lọc miễn phí cho {400-1200} người cao tuổi.",
        ),
    },
    models=(
        (
            "Khám sàng lọc bệnh không lây nhiễm tại nhà văn hóa thôn",
            "mỗi quý một buổi khám tại thôn, phát hiện sớm {20-60} người mắc tăng huyết áp",
        ),
        (
            "Trạm y tế không giấy tờ",
            "tiếp đón bằng căn cước công dân gắn chip, người bệnh không phải khai lại thông tin",
        ),
        (
            "Góc tư vấn dinh dưỡng cho bà mẹ mang thai",
            "tư vấn hằng tháng, tỷ lệ trẻ suy dinh dưỡng thể thấp còi giảm còn {4.0-8.0}%",
        ),
    ),
    specific=(
        "Trạm y tế đạt Bộ tiêu chí quốc gia về y tế xã giai đoạn đến năm 2030; không để xảy ra sai sót chuyên môn.",
        "Không có đơn thư phản ánh về thái độ phục vụ người bệnh; thực hiện tốt quy tắc ứng xử của ngành Y tế.",
    ),
)

PROFILES["education-training", "province"] = Profile(
    collectives=(
        ("Trường THPT {area} A", "Hiệu trưởng", (60, 110)),
        ("Trường THPT chuyên Lương Văn Tụy", "Hiệu trưởng", (90, 130)),
        ("Tổ Toán – Tin, Trường THPT {area} B", "Tổ trưởng", (12, 20)),
        ("Tổ Ngữ văn, Trường THPT chuyên Lương Văn Tụy", "Tổ trưởng", (10, 18)),
        ("Trung tâm Giáo dục nghề nghiệp – Giáo dục thường xuyên {area}", "Giám đốc", (30, 60)),
        ("Trường Phổ thông Dân tộc nội trú tỉnh", "Hiệu trưởng", (45, 80)),
    ),
    people=(
        (
            "Giáo viên [Toán|Vật lí|Hóa học|Sinh học|Ngữ văn|Lịch sử|Tiếng Anh]",
            "Trường THPT chuyên Lương Văn Tụy",
            "",
            (1975, 1990),
        ),
        ("Hiệu trưởng", "Trường THPT {area} A", "", (1968, 1978)),
        ("Giáo viên chủ nhiệm lớp 12", "Trường THPT {area} B", "female", (1978, 1992)),
        ("Giáo viên Tin học, Tổ trưởng chuyên môn", "Trường THPT {area} A", "", (1980, 1991)),
        ("Phó Trưởng phòng Giáo dục trung học", "Sở Giáo dục và Đào tạo", "", (1972, 1982)),
    ),
    households=(),
    results={
        "individual": (
            "@subject_teacher Bồi dưỡng {6-24} học sinh đạt giải học sinh giỏi quốc gia trong giai đoạn {y-4} - {y}, trong đó có {1-4} giải Nhì.",
            "@subject_teacher,form_teacher,it_teacher,principal Có {2-4} sáng kiến kinh nghiệm được Hội đồng khoa học ngành Giáo dục công nhận cấp tỉnh; năm {y} sáng kiến “[Dạy học theo dự án môn Ngữ văn lớp 11|Ứng dụng học liệu số trong ôn thi tốt nghiệp|Tổ chức câu lạc bộ Toán học cho học sinh trung bình]” được áp dụng tại {8-30} trường.",
            "@form_teacher Lớp chủ nhiệm có 100% học sinh đỗ tốt nghiệp trung học phổ thông năm {y}, điểm trung bình môn phụ trách cao hơn bình quân toàn tỉnh {0.6-1.5} điểm.",
            "@it_teacher,subject_teacher Hướng dẫn {3-9} dự án đạt giải Cuộc thi khoa học kỹ thuật cấp tỉnh dành cho học sinh trung học; một dự án được chọn dự thi cấp quốc gia năm {y}.",
            "@subject_teacher,form_teacher,it_teacher Giáo viên dạy giỏi cấp tỉnh; tham gia biên soạn tài liệu giáo dục địa phương tỉnh Ninh Bình cấp trung học phổ thông.",
            "@subject_teacher,form_teacher Tích cực dạy kèm miễn phí cho {10-40} học sinh có hoàn cảnh khó khăn, giúp các em thi đỗ đại học.",
        ),
        "collective": (
            "@school Tỷ lệ học sinh tốt nghiệp trung học phổ thông năm {y} đạt 100%, điểm trung bình thi tốt nghiệp xếp thứ {1-6} toàn tỉnh.",
            "@school,team Có {8-36} học sinh đạt giải học sinh giỏi cấp tỉnh và {2-12} giải quốc gia năm học {y-1} - {y}.",
            "@school Trường đạt chuẩn quốc gia mức độ 2, kiểm định chất lượng giáo dục cấp độ 3; {70-95}% giáo viên đạt trình độ trên chuẩn.",
            "Tập thể lao động xuất sắc {2-5} năm liền; không có học sinh bỏ học, không có vi phạm an toàn giao thông.",
            "@school,principal,official Triển khai chuyển đổi số trong quản lý: học bạ số, sổ liên lạc điện tử, thu học phí không dùng tiền mặt cho 100% học sinh.",
        ),
    },
    models=(
        (
            "Thư viện xanh thân thiện",
            "thư viện ngoài trời mở cả ngày nghỉ, luân chuyển {1200-4000} đầu sách mỗi năm",
        ),
        (
            "@subject_teacher,it_teacher,team,school Lớp học đảo ngược",
            "học sinh xem bài giảng trước ở nhà, thời gian trên lớp dành cho thảo luận và thực hành",
        ),
        (
            "@school,principal,it_teacher Câu lạc bộ Khởi nghiệp học đường",
            "{40-120} học sinh tham gia, {3-8} dự án được vườn ươm của tỉnh hỗ trợ",
        ),
        (
            "@team,subject_teacher,official Ngân hàng đề kiểm tra dùng chung",
            "{1500-4200} câu hỏi do giáo viên các trường cùng xây dựng, dùng cho kiểm tra định kỳ",
        ),
        (
            "Nhà trường – phụ huynh cùng đồng hành qua ứng dụng số",
            "thông tin học tập gửi tới phụ huynh mỗi ngày, giảm số học sinh nghỉ học không phép",
        ),
        (
            "@school,form_teacher,principal Thầy cô nâng bước em tới trường",
            "giáo viên nhận đỡ đầu {15-45} học sinh mồ côi, khuyết tật, hỗ trợ học bổng hằng tháng",
        ),
    ),
    specific=(
        "Đạt chuẩn nghề nghiệp giáo viên mức tốt; giờ dạy được xếp loại tốt trong các đợt dự giờ, thanh tra chuyên môn.",
        "Hoàn thành tốt nhiệm vụ năm học {y-1} - {y}; có sáng kiến được Hội đồng khoa học ngành Giáo dục công nhận.",
        "Thực hiện nghiêm quy định về dạy thêm, học thêm; không vi phạm đạo đức nhà giáo.",
    ),
)

PROFILES["education-training", "local"] = Profile(
    collectives=(
        ("Trường Tiểu học {place}", "Hiệu trưởng", (22, 45)),
        ("Trường THCS {place}", "Hiệu trưởng", (25, 50)),
        ("Trường Mầm non {place}", "Hiệu trưởng", (20, 40)),
        ("Hội Khuyến học {place}", "Chủ tịch Hội", (300, 1200)),
    ),
    people=(
        ("Giáo viên Tiểu học", "Trường Tiểu học {place}", "female", (1978, 1993)),
        ("Hiệu trưởng", "Trường THCS {place}", "", (1970, 1982)),
        ("Giáo viên Mầm non", "Trường Mầm non {place}", "female", (1985, 1998)),
        ("Chủ tịch Hội Khuyến học", "{place}", "male", (1952, 1962)),
    ),
    households=("gia đình hiếu học, {2-4} người con đều tốt nghiệp đại học",),
    results={
        "individual": (
            "@teacher Lớp chủ nhiệm {100}% học sinh hoàn thành chương trình; {3-9} học sinh đạt giải trong các cuộc thi cấp huyện, cấp tỉnh năm học {y-1} - {y}.",
            "@teacher Giáo viên dạy giỏi cấp huyện hai kỳ liên tiếp; tự làm {10-30} đồ dùng dạy học từ vật liệu tái chế.",
            "@principal Vận động xã hội hóa được {50-300} triệu đồng xây dựng phòng học bộ môn, thư viện cho nhà trường.",
            "@study_promotion Vận động các dòng họ lập {8-20} quỹ khuyến học với tổng số tiền {200-900} triệu đồng.",
        ),
        "collective": (
            "@school Trường đạt chuẩn quốc gia mức độ 2; tỷ lệ học sinh hoàn thành chương trình lớp học đạt {99-100}%.",
            "@school Có {10-40} học sinh đạt giải cấp huyện, cấp tỉnh năm học {y-1} - {y}; không có học sinh bỏ học.",
            "@study_promotion Xây dựng {8-20} dòng họ, gia đình học tập tiêu biểu; trao {60-200} suất học bổng cho học sinh nghèo vượt khó.",
        ),
        "household": (
            "Gia đình có {2-4} người con tốt nghiệp đại học loại giỏi; một cháu đạt giải Ba học sinh giỏi quốc gia năm {y-1}.",
            "Dù kinh tế còn khó khăn, vợ chồng ông bà vẫn nuôi dạy các con ăn học thành đạt, nhiều năm là gia đình hiếu học tiêu biểu của {place}.",
        ),
    },
    models=(
        (
            "@study_promotion Tủ sách dòng họ",
            "{6-15} dòng họ đặt tủ sách tại nhà thờ họ, mở cửa cho con cháu đọc vào cuối tuần",
        ),
        (
            "@school,teacher,principal Sân chơi cuối tuần cho học sinh",
            "tổ chức tại nhà văn hóa thôn, thu hút {80-200} em tham gia mỗi tháng",
        ),
        (
            "@school,teacher,principal Đôi bạn cùng tiến",
            "học sinh khá kèm học sinh yếu, giảm tỷ lệ học sinh chưa hoàn thành môn học xuống dưới {1-2}%",
        ),
    ),
    specific=(
        "Thực hiện tốt các cuộc vận động và phong trào thi đua của ngành Giáo dục; không vi phạm đạo đức nhà giáo.",
        "Có đóng góp thiết thực cho phong trào khuyến học, khuyến tài, xây dựng xã hội học tập ở địa phương.",
    ),
)

PROFILES["defence-security", "province"] = Profile(
    collectives=(
        (
            "Đội Cảnh sát giao thông đường bộ số {1-3} – Phòng Cảnh sát giao thông, Công an tỉnh",
            "Đội trưởng",
            (18, 36),
        ),
        ("Phòng Cảnh sát hình sự – Công an tỉnh", "Trưởng phòng", (40, 75)),
        (
            "Đội Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ khu vực {area}",
            "Đội trưởng",
            (20, 40),
        ),
        (
            "Ban Chỉ huy Phòng thủ khu vực {area} – Bộ Chỉ huy Quân sự tỉnh",
            "Chỉ huy trưởng",
            (25, 50),
        ),
        ("Đại đội Trinh sát – Bộ Chỉ huy Quân sự tỉnh", "Đại đội trưởng", (60, 95)),
    ),
    people=(
        (
            "Thiếu tá, Đội trưởng Đội Điều tra tổng hợp",
            "Phòng Cảnh sát hình sự, Công an tỉnh",
            "male",
            (1982, 1990),
        ),
        (
            "Trung tá, Phó Trưởng phòng Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ",
            "Công an tỉnh",
            "male",
            (1978, 1986),
        ),
        (
            "Đại úy, cán bộ Phòng An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao",
            "Công an tỉnh",
            "",
            (1988, 1995),
        ),
        ("Thượng tá, Chính trị viên", "Ban Chỉ huy Phòng thủ khu vực {area}", "male", (1974, 1982)),
        (
            "Trung úy, Trung đội trưởng",
            "Đại đội Trinh sát, Bộ Chỉ huy Quân sự tỉnh",
            "male",
            (1994, 1999),
        ),
        (
            "Thượng úy, cán bộ Đội Cảnh sát quản lý hành chính về trật tự xã hội",
            "Công an tỉnh",
            "female",
            (1990, 1997),
        ),
    ),
    results={
        "individual": (
            "@detective Trực tiếp tham gia điều tra, làm rõ {6-22} vụ án, bắt giữ {10-40} đối tượng, trong đó có [đường dây lừa đảo qua mạng chiếm đoạt hơn 12 tỷ đồng|một đường dây mua bán trái phép chất ma túy liên tỉnh|ổ nhóm cho vay lãi nặng hoạt động ở nhiều địa phương].",
            "@firefighter Chỉ huy chữa cháy, cứu nạn thành công {5-18} vụ, cứu được {4-20} người mắc kẹt an toàn; trực tiếp tham gia cứu hộ tại {area} trong mưa lũ sau bão số 3 năm 2024.",
            "@army_officer Tham mưu xây dựng phương án phòng thủ dân sự, diễn tập khu vực phòng thủ cấp huyện năm {y-1} đạt loại giỏi.",
            "@army_officer,army Huấn luyện chiến sĩ mới đạt {90-100}% khá, giỏi; kết quả kiểm tra bắn súng đạt giỏi.",
            "@detective,cyber,police_admin Ba năm liền hoàn thành xuất sắc nhiệm vụ; được Giám đốc Công an tỉnh tặng Giấy khen về thành tích phá án năm {y}.",
            "@police_admin Hướng dẫn người dân {area} cài đặt, kích hoạt định danh điện tử mức 2 cho hơn {3000-9000} trường hợp.",
        ),
        "collective": (
            "@traffic Phát hiện, xử lý {1500-6000} trường hợp vi phạm trật tự an toàn giao thông năm {y}; tai nạn giao thông trên tuyến phụ trách giảm {10-35}% cả ba tiêu chí.",
            "@crime_unit Điều tra, khám phá {82-96}% số vụ án trọng điểm, {100}% án đặc biệt nghiêm trọng; thu hồi tài sản trị giá hơn {3-18} tỷ đồng.",
            "@fire_unit Tổ chức {20-60} buổi tuyên truyền, hướng dẫn kỹ năng thoát nạn khi cháy tại khu dân cư, trường học, nhà trọ công nhân.",
            "@army Hoàn thành 100% chỉ tiêu huấn luyện, diễn tập; đơn vị đạt danh hiệu Đơn vị quyết thắng năm {y}.",
            "@crime_unit,traffic Không để xảy ra đột xuất, bất ngờ về an ninh, trật tự trong các dịp lễ, Tết và sự kiện lớn của tỉnh.",
        ),
    },
    models=(
        (
            "@fire_unit,firefighter Tổ liên gia an toàn phòng cháy, chữa cháy",
            "{40-180} tổ được thành lập tại khu dân cư, mỗi tổ có bình chữa cháy dùng chung",
        ),
        (
            "@crime_unit,detective,police_admin Camera an ninh kết nối cộng đồng",
            "{120-600} camera do người dân đóng góp lắp đặt, giúp làm rõ nhiều vụ trộm cắp",
        ),
        (
            "@cyber,crime_unit,detective Cảnh báo lừa đảo qua mạng trên nhóm Zalo khu dân cư",
            "cảnh báo kịp thời các thủ đoạn mới, ngăn chặn {20-60} vụ lừa đảo",
        ),
        (
            "@traffic Tiếp sức mùa thi trên các tuyến giao thông",
            "phân luồng, đưa đón thí sinh gặp sự cố trong các kỳ thi",
        ),
        (
            "@army,army_officer Dân vận khéo trong huấn luyện dự bị động viên",
            "kết hợp huấn luyện với giúp dân thu hoạch lúa, sửa đường làng",
        ),
    ),
    specific=(
        "Hoàn thành xuất sắc nhiệm vụ bảo đảm an ninh chính trị, trật tự an toàn xã hội được giao; không để xảy ra vi phạm điều lệnh.",
        "Có thành tích xuất sắc trong huấn luyện, sẵn sàng chiến đấu; chấp hành nghiêm kỷ luật quân đội.",
        "Được cấp ủy, chỉ huy đơn vị đánh giá gương mẫu, dũng cảm trong đấu tranh phòng, chống tội phạm.",
    ),
)

PROFILES["defence-security", "local"] = Profile(
    collectives=(
        ("Công an {place}", "Trưởng Công an", (12, 24)),
        ("Ban Chỉ huy Quân sự {place}", "Chỉ huy trưởng", (8, 16)),
        ("Tổ bảo vệ an ninh, trật tự {village}", "Tổ trưởng", (5, 12)),
        ("Trung đội dân quân cơ động {place}", "Trung đội trưởng", (28, 36)),
    ),
    people=(
        ("Trung úy, Phó Trưởng Công an", "Công an {place}", "male", (1988, 1996)),
        ("Chỉ huy trưởng Ban Chỉ huy Quân sự", "{place}", "male", (1978, 1988)),
        ("Tổ trưởng Tổ bảo vệ an ninh, trật tự", "{Village}, {place}", "male", (1960, 1975)),
    ),
    results={
        "individual": (
            "@commune_police Tiếp nhận, giải quyết {40-160} tin báo về an ninh, trật tự; vận động {3-10} đối tượng ra đầu thú, giao nộp {4-15} khẩu súng tự chế và vật liệu nổ.",
            "@commune_police Làm sạch dữ liệu dân cư, cấp căn cước cho {2000-7000} người dân; hướng dẫn kích hoạt định danh điện tử đạt {92-99}%.",
            "@watch Hằng đêm tổ chức tuần tra, giữ gìn trật tự ở {village}; năm {y} địa bàn không xảy ra trộm cắp tài sản.",
            "@militia Chỉ huy lực lượng dân quân ứng cứu {3-8} điểm xung yếu đê điều trong mưa lũ, giúp {40-150} hộ di dời tài sản an toàn.",
        ),
        "collective": (
            "@commune_police Năm {y}, địa bàn giảm {15-40}% số vụ phạm pháp hình sự; điều tra làm rõ {85-100}% số vụ án thuộc thẩm quyền.",
            "@militia Hoàn thành 100% chỉ tiêu tuyển quân năm {y}; {12-25} thanh niên nhập ngũ, không có trường hợp trả về địa phương.",
            "@commune_police,watch Duy trì {6-20} mô hình tự quản về an ninh, trật tự; {92-100}% khu dân cư đạt tiêu chuẩn “An toàn về an ninh, trật tự”.",
        ),
    },
    models=(
        (
            "@commune_police,watch Khu dân cư không tội phạm, không ma túy",
            "{4-12} thôn, tổ dân phố đăng ký và giữ vững hai năm liền",
        ),
        (
            "@commune_police,watch Camera an ninh – mắt thần khu dân cư",
            "{20-90} camera do nhân dân góp tiền lắp đặt tại các ngã ba, ngã tư",
        ),
        (
            "@militia Dân quân giúp dân mùa mưa bão",
            "dân quân chằng chống nhà cửa, di dời tài sản cho người già neo đơn",
        ),
    ),
    specific=(
        "Địa bàn giữ vững ổn định về an ninh chính trị, trật tự an toàn xã hội; hoàn thành chỉ tiêu quốc phòng, quân sự địa phương.",
        "Lực lượng công an, dân quân được nhân dân tin yêu, không có cán bộ vi phạm kỷ luật.",
    ),
)

PROFILES["industry-construction-transport", "province"] = Profile(
    collectives=(
        ("Tổ sản xuất số {1-9}, Xưởng may – Công ty cổ phần May {area}", "Tổ trưởng", (28, 60)),
        ("Phân xưởng Lò nung – Công ty cổ phần Xi măng {area}", "Quản đốc", (35, 80)),
        ("Tổ lắp ráp số {1-6} – Công ty TNHH Ô tô {area}", "Tổ trưởng", (20, 45)),
        ("Ban Quản lý dự án đầu tư xây dựng các công trình giao thông tỉnh", "Giám đốc", (30, 55)),
        (
            "Đội Quản lý thị trường số {1-8} – Chi cục Quản lý thị trường tỉnh",
            "Đội trưởng",
            (8, 14),
        ),
        ("Tổ Công đoàn Phân xưởng cơ điện – Công ty TNHH {area} Vina", "Tổ trưởng", (25, 60)),
    ),
    people=(
        (
            "Công nhân bậc {4-7}/7, Tổ trưởng tổ sản xuất",
            "Công ty cổ phần Xi măng {area}",
            "male",
            (1975, 1990),
        ),
        ("Kỹ sư, Trưởng phòng Kỹ thuật", "Công ty TNHH Cơ khí chính xác {area}", "", (1978, 1990)),
        ("Công nhân may", "Công ty cổ phần May {area}", "female", (1985, 1998)),
        (
            "Kỹ sư cầu đường, cán bộ giám sát",
            "Ban Quản lý dự án đầu tư xây dựng các công trình giao thông tỉnh",
            "male",
            (1982, 1993),
        ),
        ("Giám đốc", "Công ty TNHH Gốm sứ {area}", "", (1970, 1985)),
        ("Chủ tịch Công đoàn cơ sở", "Công ty TNHH Điện tử {area}", "female", (1980, 1992)),
    ),
    households=("hộ sản xuất [đá mỹ nghệ|thêu ren|cói mỹ nghệ|gốm] truyền thống",),
    results={
        "individual": (
            "@worker,engineer Có {2-5} sáng kiến cải tiến kỹ thuật được công ty công nhận, làm lợi hơn {200-1500} triệu đồng mỗi năm.",
            "@worker Năm {y} vượt định mức sản lượng {110-135}%, không có sản phẩm lỗi phải làm lại; kèm cặp {5-15} công nhân mới vào nghề.",
            "@road_engineer Trực tiếp giám sát thi công [cầu Bến Đang|tuyến đường nối cao tốc với khu du lịch Tràng An|đường vành đai phía Tây thành phố|nút giao với Quốc lộ 1A], bảo đảm chất lượng, về đích trước tiến độ {15-45} ngày.",
            "@worker Thợ giỏi cấp tỉnh năm {y-1}; đạt giải [Nhì|Ba] Hội thi tay nghề công nhân lao động giỏi do Liên đoàn Lao động tỉnh tổ chức.",
            "@director Đưa sản phẩm của doanh nghiệp xuất khẩu sang [Nhật Bản|Hàn Quốc|châu Âu], tạo việc làm ổn định cho {80-450} lao động địa phương với thu nhập bình quân {8-12} triệu đồng/tháng.",
        ),
        "collective": (
            "@workshop Tổ hoàn thành {110-130}% kế hoạch sản xuất năm {y}; tỷ lệ sản phẩm đạt chất lượng {99.0-99.9}%.",
            "@workshop,union Không để xảy ra tai nạn lao động trong {3-8} năm liên tục; {100}% người lao động được huấn luyện an toàn, vệ sinh lao động.",
            "@project_board Hoàn thành giải phóng mặt bằng và thi công {3-12} km đường đúng tiến độ, không phát sinh khiếu kiện.",
            "@market Kiểm tra, xử lý {60-240} vụ vi phạm về buôn lậu, hàng giả, gian lận thương mại năm {y}, nộp ngân sách hơn {1-6} tỷ đồng.",
            "@workshop,union Thu nhập bình quân của người lao động năm {y} đạt {9-14} triệu đồng/tháng, tăng {6-15}% so với năm {y-1}.",
        ),
        "household": (
            "Duy trì nghề truyền thống của gia đình, tạo việc làm thường xuyên cho {8-30} lao động trong thôn với thu nhập {6-9} triệu đồng/tháng.",
            "Sản phẩm của gia đình đạt chứng nhận OCOP {3-4} sao năm {y-1}, được bày bán tại các điểm du lịch Tràng An, Tam Cốc.",
        ),
    },
    models=(
        (
            "@workshop,worker,engineer 5S tại nơi làm việc",
            "sắp xếp lại nhà xưởng, giảm {10-25}% thời gian tìm kiếm dụng cụ và vật tư",
        ),
        (
            "@engineer,workshop Tận dụng nhiệt thừa lò nung để phát điện",
            "tiết kiệm {8-20}% điện năng của dây chuyền, làm lợi {2-6} tỷ đồng mỗi năm",
        ),
        (
            "@road_engineer,project_board Công trường xanh – an toàn",
            "công khai tiến độ, che chắn bụi, tưới nước đường công vụ hằng ngày",
        ),
        ("@market Chợ an toàn thực phẩm", "{6-18} chợ truy xuất nguồn gốc hàng hóa bằng mã QR"),
        (
            "@union Bữa cơm công đoàn",
            "nâng mức bữa ăn giữa ca lên {25000-35000} đồng, công khai thực đơn hằng tuần",
        ),
        (
            "@worker,union,workshop,director Công nhân cùng đề xuất cải tiến",
            "mỗi tháng một buổi lấy ý kiến, năm {y} có {30-90} đề xuất được áp dụng",
        ),
    ),
    specific=(
        "Hoàn thành vượt mức chỉ tiêu sản xuất, kinh doanh; thực hiện đầy đủ nghĩa vụ với Nhà nước và người lao động.",
        "Có sáng kiến, cải tiến kỹ thuật được cấp có thẩm quyền công nhận, làm lợi có giá trị.",
        "Bảo đảm chất lượng, tiến độ công trình; không để xảy ra mất an toàn lao động.",
    ),
)

PROFILES["industry-construction-transport", "local"] = Profile(
    collectives=(
        (
            "Hợp tác xã [thêu ren|cói mỹ nghệ|đá mỹ nghệ|mộc dân dụng|gốm] {place}",
            "Giám đốc",
            (20, 90),
        ),
        ("Tổ sản xuất [chiếu cói|đan bèo|thêu ren] {village}", "Tổ trưởng", (12, 35)),
    ),
    people=(
        (
            "Chủ cơ sở [thêu ren|đá mỹ nghệ|chế biến gỗ|cói mỹ nghệ]",
            "{Village}, {place}",
            "",
            (1965, 1985),
        ),
        ("Nghệ nhân [thêu ren|chạm khắc đá|đan cói]", "{Village}, {place}", "", (1955, 1975)),
    ),
    households=("hộ làm nghề [đá mỹ nghệ|thêu ren|cói|mộc|bánh đa] truyền thống",),
    results={
        "individual": (
            "@owner Mở xưởng sản xuất tạo việc làm thường xuyên cho {15-60} lao động, trong đó có {5-20} lao động là người khuyết tật, phụ nữ lớn tuổi.",
            "@artisan,owner Truyền nghề miễn phí cho hơn {40-150} lao động trẻ trong {village} và các xã lân cận.",
            "@owner Doanh thu năm {y} đạt {3-15} tỷ đồng; sản phẩm xuất khẩu sang [Nhật Bản|Hàn Quốc|Pháp|Úc].",
        ),
        "collective": (
            "Duy trì việc làm cho {30-120} lao động nông nhàn, thu nhập bình quân {5-8} triệu đồng/người/tháng.",
            "Sản phẩm [chiếu cói|túi cói|tranh thêu|đồ đá mỹ nghệ] của hợp tác xã đạt chứng nhận OCOP {3-4} sao năm {y-1}.",
        ),
        "household": (
            "Giữ nghề truyền thống qua {3-4} thế hệ; tạo việc làm cho {6-25} lao động trong thôn.",
            "Doanh thu mỗi năm hơn {900-4000} triệu đồng; tham gia hội chợ làng nghề của tỉnh và giới thiệu sản phẩm trên sàn thương mại điện tử.",
        ),
    },
    models=(
        (
            "Làng nghề gắn với du lịch trải nghiệm",
            "khách tham quan tự tay làm sản phẩm, mỗi năm đón {2000-9000} lượt khách",
        ),
        (
            "Bán hàng làng nghề trên sàn thương mại điện tử",
            "doanh số trực tuyến chiếm {20-45}% doanh thu",
        ),
    ),
    specific=(
        "Giữ gìn, phát huy nghề truyền thống; sản phẩm có thương hiệu, được thị trường chấp nhận.",
        "Bảo đảm vệ sinh môi trường làng nghề; thực hiện đầy đủ nghĩa vụ thuế.",
    ),
)

PROFILES["agriculture", "province"] = Profile(
    collectives=(
        ("Trung tâm Khuyến nông tỉnh", "Giám đốc", (30, 55)),
        ("Chi cục Trồng trọt và Bảo vệ thực vật tỉnh", "Chi cục trưởng", (25, 45)),
        ("Hạt Kiểm lâm Vườn quốc gia Cúc Phương", "Hạt trưởng", (20, 40)),
        ("Hợp tác xã nông nghiệp sạch {area}", "Giám đốc", (40, 400)),
        ("Chi hội Nông dân nghề nuôi ong {area}", "Chi hội trưởng", (20, 60)),
        ("Trạm Quan trắc môi trường – Sở Tài nguyên và Môi trường", "Trạm trưởng", (8, 16)),
    ),
    people=(
        (
            "Kỹ sư nông nghiệp, Trưởng trạm Khuyến nông khu vực {area}",
            "Trung tâm Khuyến nông tỉnh",
            "",
            (1975, 1988),
        ),
        ("Kiểm lâm viên", "Hạt Kiểm lâm Vườn quốc gia Cúc Phương", "male", (1980, 1993)),
        ("Nông dân sản xuất kinh doanh giỏi cấp Trung ương", "{area}", "male", (1962, 1980)),
        ("Giám đốc Hợp tác xã", "Hợp tác xã nông nghiệp sạch {area}", "", (1970, 1985)),
        ("Kỹ sư môi trường", "Trạm Quan trắc môi trường tỉnh", "female", (1986, 1995)),
    ),
    households=(
        "hộ trồng lúa hữu cơ kết hợp nuôi cá",
        "hộ chăn nuôi [bò sinh sản|lợn theo hướng an toàn sinh học|dê núi|gà đồi]",
        "hộ trồng [dứa|cam|ổi|hoa, cây cảnh]",
    ),
    results={
        "individual": (
            "@extension Chuyển giao quy trình sản xuất lúa theo tiêu chuẩn VietGAP cho {300-1200} hộ nông dân ở {area}; năng suất tăng {8-15}%.",
            "@ranger Trực tiếp tuần tra, ngăn chặn {15-50} vụ vi phạm lâm luật; phát hiện và cứu hộ {5-20} cá thể động vật hoang dã quý hiếm.",
            "@coop_director,farmer Xây dựng chuỗi liên kết tiêu thụ [gạo hữu cơ|dê núi|cá rô Tổng Trường|dứa Tam Điệp] cho {50-300} hộ, giá bán cao hơn thị trường {10-20}%.",
            "@farmer Doanh thu của trang trại năm {y} đạt {2-9} tỷ đồng, lãi hơn {600-2500} triệu đồng; tạo việc làm cho {10-30} lao động.",
            "@environment Theo dõi chất lượng không khí, nước mặt tại {12-40} điểm quan trắc; kịp thời cảnh báo {3-8} điểm ô nhiễm cho địa phương xử lý.",
        ),
        "collective": (
            "@extension_centre,plant Xây dựng {4-12} mô hình trình diễn giống lúa chất lượng cao, diện tích nhân rộng hơn {300-1500} ha năm {y}.",
            "@plant Dự báo chính xác, chỉ đạo phòng trừ kịp thời rầy nâu, sâu cuốn lá; không để dịch hại lây lan trên diện rộng.",
            "@forest Không để xảy ra cháy rừng đặc dụng; trồng mới {20-120} ha rừng thay thế, cứu hộ {30-90} cá thể động vật hoang dã.",
            "@coop,coop_director Hợp tác xã có lãi {400-2200} triệu đồng năm {y}, chia cổ tức cho {200-900} thành viên; {2-4} sản phẩm đạt chứng nhận OCOP.",
        ),
        "household": (
            "Thu nhập của gia đình năm {y} đạt {600-1800} triệu đồng, sau khi trừ chi phí lãi {250-800} triệu đồng.",
            "Hộ sản xuất kinh doanh giỏi cấp tỉnh {2-4} năm liền; giúp {5-15} hộ nghèo giống, vốn để phát triển sản xuất.",
        ),
    },
    models=(
        (
            "@extension,extension_centre,plant,coop,coop_director Cánh đồng một giống, một lịch thời vụ",
            "{50-300} ha cơ giới hóa đồng bộ từ gieo cấy đến thu hoạch, giảm {15-25}% chi phí",
        ),
        (
            "@extension,extension_centre,coop,coop_director,farmer Nhật ký đồng ruộng điện tử",
            "nông dân ghi chép trên điện thoại, sản phẩm truy xuất được nguồn gốc bằng mã QR",
        ),
        (
            "@ranger,forest Vườn ươm cây giống lâm nghiệp chất lượng cao",
            "cung cấp {150000-500000} cây giống mỗi năm cho trồng rừng",
        ),
        (
            "@bee,forest,farmer Nuôi ong lấy mật dưới tán rừng",
            "{300-1200} đàn ong, mỗi năm thu {6-20} tấn mật",
        ),
        (
            "@plant,environment,environment_station,coop Thu gom bao bì thuốc bảo vệ thực vật sau sử dụng",
            "đặt {40-150} bể chứa trên đồng ruộng, thu gom định kỳ",
        ),
    ),
    specific=(
        "Áp dụng tiến bộ khoa học kỹ thuật vào sản xuất nông nghiệp, đạt hiệu quả kinh tế cao; bảo vệ môi trường nông thôn.",
        "Tích cực tham gia xây dựng nông thôn mới nâng cao, nông thôn mới kiểu mẫu.",
        "Sản xuất theo chuỗi giá trị, sản phẩm bảo đảm an toàn thực phẩm.",
    ),
)

PROFILES["agriculture", "local"] = Profile(
    collectives=(
        ("Hợp tác xã dịch vụ nông nghiệp {place}", "Giám đốc", (150, 900)),
        ("Chi hội Nông dân {village}", "Chi hội trưởng", (60, 180)),
        ("Tổ hợp tác trồng rau an toàn {village}", "Tổ trưởng", (12, 40)),
    ),
    people=(
        ("Nông dân sản xuất kinh doanh giỏi", "{Village}, {place}", "male", (1960, 1985)),
        ("Chủ trang trại tổng hợp", "{Village}, {place}", "", (1962, 1982)),
        ("Giám đốc Hợp tác xã dịch vụ nông nghiệp", "{place}", "", (1968, 1985)),
        ("Chủ tịch Hội Nông dân", "{place}", "", (1970, 1984)),
    ),
    households=(
        "hộ trồng lúa hữu cơ kết hợp nuôi cá",
        "hộ chăn nuôi [bò sinh sản|lợn an toàn sinh học|dê núi|vịt đẻ]",
        "hộ trồng [rau an toàn|hoa, cây cảnh|cam, bưởi|sen lấy hạt]",
        "hộ nuôi [tôm|cá lồng|ngao] ven biển",
    ),
    results={
        "individual": (
            "@farmer Mạnh dạn thuê {3-12} ha ruộng trũng chuyển sang [nuôi cá kết hợp trồng lúa|trồng sen lấy hạt|nuôi tôm càng xanh], thu nhập gấp {2-4} lần cấy lúa.",
            "@farmer Doanh thu năm {y} đạt {1-6} tỷ đồng; tạo việc làm thường xuyên cho {6-25} lao động ở {village}.",
            "@farmer,farmers_union Giúp {4-15} hộ trong thôn con giống, vốn không lấy lãi và hướng dẫn kỹ thuật, trong đó {2-6} hộ đã thoát nghèo.",
            "@coop_director Đưa hợp tác xã từ thua lỗ thành có lãi {200-900} triệu đồng năm {y}; xây dựng thương hiệu “Gạo {place}” đạt OCOP 3 sao.",
            "@farmers_union,coop_director Vận động {60-200} hộ dồn điền đổi thửa, hiến {400-1500} m² đất làm đường nội đồng.",
        ),
        "collective": (
            "@coop Cung ứng dịch vụ làm đất, tưới tiêu, bảo vệ thực vật cho {300-1100} ha lúa; lợi nhuận năm {y} đạt {300-1200} triệu đồng.",
            "@farmers_branch Hội viên giúp nhau {20-90} triệu đồng vốn và {300-1200} ngày công; {85-95}% hộ hội viên đạt danh hiệu sản xuất kinh doanh giỏi các cấp.",
            "@vegetables Liên kết với doanh nghiệp bao tiêu {120-600} tấn rau an toàn mỗi năm, giá ổn định cho {20-60} hộ thành viên.",
        ),
        "household": (
            "Gia đình {3-7} nhân khẩu, từ hộ cận nghèo vươn lên có thu nhập {400-1500} triệu đồng mỗi năm.",
            "Hộ sản xuất kinh doanh giỏi cấp tỉnh giai đoạn {y-3} - {y-1}; tạo việc làm thời vụ cho {8-25} lao động trong thôn.",
            "Hiến {150-600} m² đất để mở rộng đường trục {village}, góp {10-50} triệu đồng xây dựng nhà văn hóa thôn.",
            "Áp dụng kỹ thuật nuôi an toàn sinh học, không sử dụng kháng sinh; chuồng trại có hầm biogas, không gây ô nhiễm môi trường.",
            "Cung cấp giống và hướng dẫn kỹ thuật cho {6-20} hộ trong và ngoài thôn làm theo.",
        ),
    },
    models=(
        (
            "Cá – lúa kết hợp trên ruộng trũng",
            "mỗi ha thu {120-300} triệu đồng, gấp ba lần cấy lúa một vụ",
        ),
        (
            "Sen kết hợp du lịch trải nghiệm",
            "đón {2000-8000} lượt khách mỗi mùa sen, bán sản phẩm trà sen, hạt sen",
        ),
        (
            "@farmer,farmers_union,farmers_branch Tổ hợp tác chăn nuôi bò sinh sản cho hộ nghèo",
            "hộ nghèo nhận bò giống, trả lại bê con để luân chuyển cho hộ khác",
        ),
        (
            "@coop,coop_director,farmers_union Cánh đồng lớn cơ giới hóa đồng bộ",
            "{30-120} ha gieo cấy bằng máy, giảm {15-25}% chi phí sản xuất",
        ),
        (
            "Vườn mẫu nông thôn mới kiểu mẫu",
            "cải tạo vườn tạp trồng cây ăn quả giống mới, thu {80-250} triệu đồng/vườn/năm",
        ),
        ("Chăn nuôi trên đệm lót sinh học", "không mùi hôi, tiết kiệm {20-30}% công dọn chuồng"),
    ),
    specific=(
        "Đạt danh hiệu hộ sản xuất kinh doanh giỏi các cấp; giúp đỡ nhiều hộ phát triển sản xuất.",
        "Tích cực tham gia xây dựng nông thôn mới, hiến đất, góp công làm đường giao thông nông thôn.",
        "Sản xuất bảo đảm an toàn thực phẩm và vệ sinh môi trường.",
    ),
)

PROFILES["finance-banking", "province"] = Profile(
    collectives=(
        ("Phòng Quản lý ngân sách – Sở Tài chính", "Trưởng phòng", (10, 18)),
        ("Phòng Đăng ký kinh doanh – Sở Kế hoạch và Đầu tư", "Trưởng phòng", (8, 14)),
        ("Kho bạc Nhà nước khu vực {area}", "Giám đốc", (14, 30)),
        ("Phòng Giao dịch Ngân hàng Chính sách xã hội khu vực {area}", "Giám đốc", (10, 20)),
        ("Quỹ Tín dụng nhân dân {area}", "Giám đốc", (8, 18)),
    ),
    people=(
        (
            "Chuyên viên chính, Phòng Tài chính hành chính sự nghiệp",
            "Sở Tài chính",
            "female",
            (1978, 1990),
        ),
        ("Phó Trưởng phòng Đăng ký kinh doanh", "Sở Kế hoạch và Đầu tư", "", (1980, 1990)),
        (
            "Cán bộ tín dụng",
            "Phòng Giao dịch Ngân hàng Chính sách xã hội khu vực {area}",
            "",
            (1985, 1995),
        ),
        ("Kế toán trưởng", "Quỹ Tín dụng nhân dân {area}", "female", (1975, 1988)),
    ),
    results={
        "individual": (
            "@finance_official Thẩm định {200-700} hồ sơ dự toán, quyết toán năm {y}, đề nghị cắt giảm chi không đúng chế độ hơn {4-30} tỷ đồng.",
            "@registration Rút ngắn thời gian cấp giấy chứng nhận đăng ký doanh nghiệp còn {1-2} ngày làm việc; {85-98}% hồ sơ được nộp trực tuyến.",
            "@loan_officer Quản lý dư nợ {90-260} tỷ đồng với tỷ lệ nợ quá hạn chỉ {0.05-0.3}%; giúp {500-1600} hộ nghèo, cận nghèo được vay vốn.",
            "@finance_official Tham mưu xây dựng phương án sắp xếp, xử lý {30-140} cơ sở nhà, đất dôi dư sau sắp xếp bộ máy năm 2025.",
        ),
        "collective": (
            "@treasury,budget Giải ngân vốn đầu tư công năm {y} đạt {95-100}% kế hoạch, thuộc nhóm cao của cả nước.",
            "@budget Thu ngân sách trên địa bàn vượt dự toán {6-18}%; công khai ngân sách đúng hạn trên cổng thông tin điện tử.",
            "@registration Hỗ trợ thành lập mới {500-1600} doanh nghiệp năm {y}; {100}% thủ tục được giải quyết đúng hạn.",
            "@bank,credit_fund Cho vay {2000-6500} lượt hộ với doanh số {150-420} tỷ đồng; giúp tạo việc làm cho {1200-4000} lao động.",
        ),
    },
    models=(
        (
            "@registration Một cửa liên thông đăng ký doanh nghiệp – thuế – bảo hiểm",
            "doanh nghiệp chỉ nộp một bộ hồ sơ, nhận kết quả trong hai ngày",
        ),
        (
            "@treasury,finance_official,budget,accountant Kiểm soát chi điện tử",
            "{100}% đơn vị giao dịch qua dịch vụ công trực tuyến, không phải đến kho bạc",
        ),
        (
            "@bank,loan_officer,credit_fund Tổ tiết kiệm và vay vốn kiểu mẫu",
            "{30-90} tổ họp định kỳ, bình xét công khai, không có nợ xấu",
        ),
        (
            "@finance_official,budget Bản đồ số tài sản công",
            "{800-2400} cơ sở nhà, đất được số hóa, cập nhật hiện trạng sử dụng",
        ),
    ),
    specific=(
        "Quản lý tài chính, ngân sách đúng quy định; không có sai phạm qua thanh tra, kiểm toán.",
        "Thực hành tiết kiệm, chống lãng phí; công khai, minh bạch trong quản lý tài chính.",
    ),
)

PROFILES["finance-banking", "local"] = Profile(
    collectives=(
        ("Tổ tiết kiệm và vay vốn {village}", "Tổ trưởng", (25, 60)),
        ("Quỹ Tín dụng nhân dân {place}", "Giám đốc", (6, 14)),
    ),
    people=(
        ("Tổ trưởng Tổ tiết kiệm và vay vốn", "{Village}, {place}", "female", (1965, 1980)),
        ("Kế toán ngân sách", "Ủy ban nhân dân {place}", "female", (1982, 1993)),
    ),
    results={
        "individual": (
            "@savings Quản lý dư nợ {3-9} tỷ đồng của {30-70} tổ viên, {10}-năm liền không có nợ quá hạn.",
            "@commune_accountant Quyết toán ngân sách xã đúng hạn; thu ngân sách năm {y} vượt dự toán {8-25}%.",
        ),
        "collective": (
            "Giúp {30-60} hộ vay vốn phát triển sản xuất, {5-15} hộ thoát nghèo bền vững.",
            "Huy động tiền gửi tăng {8-20}% so với năm {y-1}; nợ xấu dưới {0.1-0.5}%.",
        ),
    },
    models=(
        (
            "Tiết kiệm mỗi ngày một nắm gạo",
            "các gia đình góp gạo, bán lấy tiền cho hội viên khó khăn vay không lãi",
        ),
    ),
    specific=("Quản lý vốn vay đúng mục đích, công khai, minh bạch; không có nợ xấu.",),
)

PROFILES["science-technology", "province"] = Profile(
    collectives=(
        ("Trung tâm Ứng dụng tiến bộ khoa học và công nghệ tỉnh", "Giám đốc", (18, 35)),
        ("Phòng Quản lý khoa học – Sở Khoa học và Công nghệ", "Trưởng phòng", (6, 12)),
        ("Câu lạc bộ Sáng tạo trẻ – Tỉnh đoàn", "Chủ nhiệm", (30, 80)),
        ("Phòng thí nghiệm Sinh học – Trường Đại học Hoa Lư", "Trưởng phòng", (8, 16)),
    ),
    people=(
        (
            "Tiến sĩ, Phó Giám đốc",
            "Trung tâm Ứng dụng tiến bộ khoa học và công nghệ tỉnh",
            "",
            (1975, 1985),
        ),
        (
            "Thạc sĩ, nghiên cứu viên",
            "Trung tâm Ứng dụng tiến bộ khoa học và công nghệ tỉnh",
            "female",
            (1986, 1995),
        ),
        (
            "Kỹ sư cơ khí, chủ nhiệm sáng chế",
            "Công ty TNHH Cơ khí nông nghiệp {area}",
            "male",
            (1975, 1990),
        ),
        ("Giảng viên", "Trường Đại học Hoa Lư", "", (1980, 1992)),
    ),
    results={
        "individual": (
            "Chủ nhiệm {2-4} đề tài, dự án khoa học cấp tỉnh, trong đó đề tài “[Nhân giống lan bản địa Cúc Phương bằng nuôi cấy mô|Sản xuất chế phẩm vi sinh xử lý rơm rạ|Ứng dụng trí tuệ nhân tạo dự báo sâu bệnh trên lúa]” được nghiệm thu loại xuất sắc năm {y}.",
            "@inventor Sáng chế [máy cấy lúa mạ khay cải tiến|máy bóc vỏ sen|hệ thống tưới nhỏ giọt điều khiển qua điện thoại] được cấp bằng độc quyền giải pháp hữu ích; {40-200} máy đã được nông dân sử dụng.",
            "@researcher,lecturer Công bố {3-9} bài báo khoa học trên tạp chí chuyên ngành trong nước và quốc tế giai đoạn {y-2} - {y}.",
            "@lecturer Hướng dẫn {5-20} sinh viên nghiên cứu khoa học, {2-5} đề tài đạt giải cấp Bộ.",
        ),
        "collective": (
            "@science_centre,lab_team Chuyển giao {5-14} quy trình công nghệ cho doanh nghiệp và hợp tác xã năm {y}; doanh thu dịch vụ khoa học tăng {15-40}%.",
            "@science_office,science_centre Hỗ trợ {20-60} doanh nghiệp đăng ký bảo hộ nhãn hiệu, {6-20} sản phẩm được cấp mã truy xuất nguồn gốc.",
            "@science_office,youth_club Tổ chức Hội thi sáng tạo kỹ thuật tỉnh lần thứ {10-14}, thu hút {80-200} giải pháp dự thi.",
        ),
    },
    models=(
        (
            "Nuôi cấy mô lan bản địa",
            "sản xuất {20000-80000} cây giống lan mỗi năm, bảo tồn nguồn gen quý",
        ),
        (
            "Vườn ươm doanh nghiệp khởi nghiệp đổi mới sáng tạo",
            "ươm tạo {6-20} dự án, {2-6} dự án đã gọi được vốn",
        ),
        ("Ngày hội sáng kiến của người lao động", "mỗi năm một lần, công nhận {30-100} sáng kiến"),
    ),
    specific=(
        "Có công trình khoa học, sáng kiến được hội đồng cấp tỉnh công nhận và áp dụng hiệu quả vào thực tiễn.",
        "Kết quả nghiên cứu được chuyển giao, mang lại lợi ích kinh tế – xã hội rõ rệt.",
    ),
)

PROFILES["culture-arts-sports", "province"] = Profile(
    collectives=(
        ("Nhà hát Chèo Ninh Bình", "Giám đốc", (60, 110)),
        (
            "Đội tuyển [Vật|Điền kinh|Bóng chuyền nữ|Karate] tỉnh Ninh Bình",
            "Huấn luyện viên trưởng",
            (12, 30),
        ),
        ("Ban Quản lý Quần thể danh thắng Tràng An", "Trưởng ban", (40, 90)),
        ("Thư viện tỉnh Ninh Bình", "Giám đốc", (20, 35)),
        ("Trung tâm Thông tin xúc tiến du lịch tỉnh", "Giám đốc", (12, 24)),
    ),
    people=(
        ("Nghệ sĩ ưu tú, diễn viên", "Nhà hát Chèo Ninh Bình", "", (1970, 1988)),
        (
            "Vận động viên [Vật|Điền kinh|Karate|Cử tạ]",
            "Trung tâm Huấn luyện và Thi đấu thể dục thể thao tỉnh",
            "",
            (1998, 2005),
        ),
        (
            "Huấn luyện viên",
            "Trung tâm Huấn luyện và Thi đấu thể dục thể thao tỉnh",
            "male",
            (1975, 1990),
        ),
        (
            "Hướng dẫn viên du lịch",
            "Ban Quản lý Quần thể danh thắng Tràng An",
            "female",
            (1988, 1998),
        ),
        ("Thư viện viên", "Thư viện tỉnh Ninh Bình", "female", (1980, 1994)),
    ),
    results={
        "individual": (
            "@athlete,coach Giành [Huy chương Vàng|Huy chương Bạc] tại [Đại hội Thể thao toàn quốc lần thứ X|Giải vô địch quốc gia năm {y}|SEA Games 32], được đẩy lên đội tuyển quốc gia.",
            "@actor Đạt [Huy chương Vàng|Huy chương Bạc] Liên hoan Sân khấu Chèo toàn quốc năm {y-1} với vai diễn trong vở “[Quan Âm Thị Kính|Tiếng trống Mê Linh|Nàng Ngọc Hân]”.",
            "@guide Thuyết minh cho hơn {600-1500} đoàn khách, trong đó có nhiều đoàn quốc tế; giới thiệu giá trị di sản văn hóa và thiên nhiên thế giới Tràng An.",
            "@librarian Tổ chức {20-60} buổi giới thiệu sách, phục vụ thư viện lưu động tới {15-40} trường học vùng sâu.",
        ),
        "collective": (
            "@theatre Biểu diễn {120-260} buổi phục vụ nhân dân và du khách năm {y}, trong đó {30-80} buổi ở vùng nông thôn, miền núi.",
            "@team_sport Đoàn giành {4-15} huy chương tại các giải quốc gia năm {y}, vượt chỉ tiêu được giao.",
            "@heritage,tourism Đón {5-8} triệu lượt khách tham quan năm {y}; giữ gìn nguyên vẹn các giá trị của Di sản thế giới.",
            "@library Số hóa {8000-30000} trang tài liệu Hán Nôm, sách địa chí; lượt bạn đọc tăng {15-40}% so với năm {y-1}.",
        ),
    },
    models=(
        (
            "@theatre,actor Chèo vào trường học",
            "biểu diễn, dạy hát chèo cho học sinh {20-60} trường",
        ),
        (
            "@heritage,tourism,guide Đêm Tràng An huyền thoại",
            "chương trình nghệ thuật về đêm phục vụ du khách, kéo dài thời gian lưu trú",
        ),
        (
            "@library,librarian Thư viện số kết nối trường học",
            "học sinh mượn sách điện tử bằng mã thẻ trường, {5000-20000} lượt truy cập mỗi năm",
        ),
        (
            "@team_sport,coach Tuyển chọn năng khiếu thể thao từ trường học",
            "phát hiện {10-40} vận động viên trẻ mỗi năm",
        ),
    ),
    specific=(
        "Có tác phẩm, thành tích thể thao, hoạt động văn hóa đạt giải cao, được công chúng ghi nhận.",
        "Góp phần giữ gìn, phát huy giá trị di sản văn hóa và quảng bá hình ảnh quê hương Ninh Bình.",
    ),
)

PROFILES["culture-arts-sports", "local"] = Profile(
    collectives=(
        ("Câu lạc bộ Chèo {place}", "Chủ nhiệm", (18, 45)),
        ("Đội văn nghệ {village}", "Đội trưởng", (15, 35)),
        ("Câu lạc bộ Dưỡng sinh người cao tuổi {place}", "Chủ nhiệm", (40, 120)),
    ),
    people=(
        ("Chủ nhiệm Câu lạc bộ Chèo", "{place}", "", (1955, 1972)),
        ("Công chức Văn hóa - Xã hội", "Ủy ban nhân dân {place}", "", (1982, 1994)),
        ("Nghệ nhân [hát chèo|hát xẩm|múa rối nước]", "{Village}, {place}", "", (1948, 1965)),
    ),
    households=("gia đình văn hóa tiêu biểu, ba thế hệ cùng tham gia văn nghệ quần chúng",),
    results={
        "individual": (
            "@artist,club_leader Truyền dạy [hát chèo|hát xẩm|múa rối nước] miễn phí cho hơn {30-120} người, trong đó có nhiều học sinh.",
            "@club_leader,culture_official Dàn dựng {10-30} tiết mục văn nghệ phục vụ các ngày lễ lớn; đạt giải [Nhất|Nhì] Liên hoan văn nghệ quần chúng cấp tỉnh năm {y}.",
            "@culture_official Tham mưu xây dựng {4-12} thiết chế văn hóa thôn; {92-98}% gia đình đạt danh hiệu Gia đình văn hóa.",
        ),
        "collective": (
            "@cheo_club,troupe Biểu diễn {20-60} buổi phục vụ nhân dân trong năm {y}; đạt giải [A|B] Liên hoan chèo không chuyên toàn tỉnh.",
            "@elder_club,troupe Duy trì sinh hoạt đều đặn hằng tuần với {30-100} hội viên; tổ chức giải thể thao quần chúng thu hút {200-600} vận động viên.",
        ),
        "household": (
            "Gia đình văn hóa tiêu biểu {5-15} năm liền; ba thế hệ cùng sinh hoạt trong câu lạc bộ chèo của thôn.",
            "Tặng câu lạc bộ {2-6} bộ trang phục biểu diễn và nhạc cụ trị giá {10-40} triệu đồng.",
        ),
    },
    models=(
        (
            "@cheo_club,troupe,club_leader,artist,culture_official Chiếu chèo sân đình",
            "biểu diễn vào rằm hằng tháng tại sân đình, thu hút đông đảo người dân và du khách",
        ),
        (
            "@elder_club,culture_official Sân chơi thể thao cộng đồng",
            "nhân dân góp {50-200} triệu đồng làm sân bóng chuyền, sân cầu lông tại nhà văn hóa",
        ),
    ),
    specific=(
        "Tích cực tham gia xây dựng đời sống văn hóa ở khu dân cư; giữ gìn bản sắc văn hóa truyền thống.",
    ),
)

PROFILES["foreign-affairs", "province"] = Profile(
    collectives=(
        ("Phòng Ngoại vụ – Văn phòng Ủy ban nhân dân tỉnh", "Trưởng phòng", (6, 12)),
        (
            "Phòng Quản lý doanh nghiệp và lao động – Ban Quản lý các khu công nghiệp tỉnh",
            "Trưởng phòng",
            (6, 12),
        ),
        (
            "Phòng Xúc tiến quảng bá du lịch – Sở Văn hóa, Thể thao và Du lịch",
            "Trưởng phòng",
            (6, 12),
        ),
    ),
    people=(
        (
            "Chuyên viên chính phụ trách hợp tác quốc tế",
            "Văn phòng Ủy ban nhân dân tỉnh",
            "",
            (1980, 1992),
        ),
        (
            "Phiên dịch viên tiếng [Hàn|Nhật|Anh]",
            "Ban Quản lý các khu công nghiệp tỉnh",
            "female",
            (1988, 1996),
        ),
        (
            "Phó Trưởng phòng Xúc tiến đầu tư",
            "Ban Quản lý các khu công nghiệp tỉnh",
            "",
            (1980, 1990),
        ),
    ),
    results={
        "individual": (
            "Tham mưu tổ chức đón tiếp {15-40} đoàn khách quốc tế năm {y}, trong đó có đoàn của [Hàn Quốc|Nhật Bản|Lào|Pháp], bảo đảm an toàn, đúng nghi lễ.",
            "Hỗ trợ {10-30} nhà đầu tư nước ngoài tìm hiểu thủ tục, {3-8} dự án với tổng vốn hơn {120-600} triệu USD được cấp chứng nhận đầu tư.",
            "Biên dịch, hiệu đính hơn {300-900} trang tài liệu đối ngoại, xúc tiến đầu tư.",
        ),
        "collective": (
            "Tham mưu ký kết {2-5} thỏa thuận hợp tác với các địa phương nước ngoài; triển khai hiệu quả chương trình hợp tác với tỉnh [Hủa Phăn (Lào)|Jeollanam-do (Hàn Quốc)].",
            "Tổ chức {3-6} hội nghị xúc tiến đầu tư, du lịch ở nước ngoài; thu hút vốn đầu tư nước ngoài năm {y} tăng {20-60}%.",
        ),
    },
    models=(
        (
            "Hỗ trợ nhà đầu tư “một đầu mối”",
            "mỗi dự án có một cán bộ theo dõi từ khi tìm hiểu đến khi đi vào hoạt động",
        ),
        (
            "Sổ tay đối ngoại điện tử",
            "tra cứu nhanh nghi lễ, thủ tục đón khách quốc tế cho các sở, ngành",
        ),
    ),
    specific=(
        "Thực hiện đúng quy định về quản lý hoạt động đối ngoại; giữ bí mật nhà nước, bảo đảm an ninh trong đối ngoại.",
    ),
)

PROFILES["information-communications", "province"] = Profile(
    collectives=(
        ("Ban Thời sự – Báo và Phát thanh, Truyền hình Ninh Bình", "Trưởng ban", (20, 40)),
        ("Phòng Phóng viên – Báo Ninh Bình", "Trưởng phòng", (12, 24)),
        ("Phòng Thời sự – Đài Phát thanh và Truyền hình tỉnh", "Trưởng phòng", (18, 32)),
        ("Trung tâm Công nghệ thông tin và Truyền thông tỉnh", "Giám đốc", (20, 40)),
        ("Trung tâm Giám sát, điều hành đô thị thông minh tỉnh", "Giám đốc", (12, 24)),
    ),
    people=(
        ("Phóng viên", "Báo và Phát thanh, Truyền hình Ninh Bình", "", (1985, 1996)),
        (
            "Biên tập viên, Phó Trưởng ban Thời sự",
            "Báo và Phát thanh, Truyền hình Ninh Bình",
            "female",
            (1978, 1990),
        ),
        (
            "Kỹ sư an toàn thông tin",
            "Trung tâm Công nghệ thông tin và Truyền thông tỉnh",
            "male",
            (1988, 1996),
        ),
        ("Quay phim", "Đài Phát thanh và Truyền hình tỉnh Ninh Bình", "male", (1982, 1994)),
    ),
    results={
        "individual": (
            "@reporter Thực hiện {120-320} tin, bài, phóng sự năm {y}; loạt bài “[Giữ đê mùa lũ|Người giữ rừng Cúc Phương|Đổi thay ở vùng bãi ngang]” đạt giải [B|C] Giải Báo chí quốc gia.",
            "@reporter,editor Đạt giải [Nhất|Nhì] Giải Báo chí tỉnh về xây dựng Đảng (Giải Búa liềm vàng) năm {y}.",
            "@security_engineer Trực tiếp vận hành Trung tâm giám sát an toàn thông tin, ngăn chặn {200-900} lượt tấn công mạng vào hệ thống của tỉnh.",
            "@reporter,camera Tác nghiệp {10-20} ngày liền tại vùng lũ {area} năm 2024, kịp thời đưa tin về công tác cứu hộ, cứu trợ.",
        ),
        "collective": (
            "@newsroom Sản xuất {1200-3000} chương trình, tác phẩm báo chí năm {y}; lượt xem trên nền tảng số tăng {40-120}%.",
            "@it_centre Vận hành ổn định {100}% hệ thống dùng chung của tỉnh; không để xảy ra sự cố mất an toàn thông tin.",
            "@newsroom Đạt {2-6} giải báo chí cấp quốc gia, {6-15} giải cấp tỉnh năm {y}.",
        ),
    },
    models=(
        (
            "@newsroom,editor,reporter Tòa soạn hội tụ đa phương tiện",
            "một sản phẩm được khai thác trên báo in, truyền hình, mạng xã hội",
        ),
        (
            "@it_centre,security_engineer Camera giám sát giao thông kết nối Trung tâm điều hành",
            "{200-800} camera, hỗ trợ xử lý vi phạm và điều tiết giao thông",
        ),
        (
            "@newsroom,editor,reporter,camera Chuyên mục “Gương sáng Ninh Bình” trên nền tảng số",
            "mỗi tuần một video ngắn về người tốt việc tốt",
        ),
    ),
    specific=(
        "Tác phẩm báo chí bảo đảm tính chân thực, định hướng đúng; không vi phạm quy định về hoạt động báo chí.",
        "Bảo đảm an toàn, an ninh thông tin cho hệ thống của cơ quan, đơn vị.",
    ),
)

PROFILES["information-communications", "local"] = Profile(
    collectives=(
        ("Tổ công nghệ số cộng đồng {village}", "Tổ trưởng", (5, 12)),
        ("Đài Truyền thanh {place}", "Trưởng đài", (3, 6)),
    ),
    people=(
        ("Tổ trưởng Tổ công nghệ số cộng đồng", "{Village}, {place}", "", (1990, 2000)),
        ("Cán bộ Đài Truyền thanh", "{place}", "", (1975, 1990)),
    ),
    results={
        "individual": (
            "@digital_team Hướng dẫn {300-1200} người dân cài đặt, sử dụng ứng dụng định danh điện tử và thanh toán không dùng tiền mặt.",
            "@radio Biên tập, phát {200-600} tin, bài trên đài truyền thanh năm {y}, kịp thời thông tin phòng chống thiên tai.",
        ),
        "collective": (
            "@digital_team Đưa {40-90}% hộ gia đình trong thôn sử dụng dịch vụ công trực tuyến; hỗ trợ {20-60} hộ bán nông sản trên sàn thương mại điện tử.",
            "@radio Chuyển đổi toàn bộ loa truyền thanh sang ứng dụng công nghệ thông tin – viễn thông, phủ sóng {100}% khu dân cư.",
        ),
    },
    models=(
        (
            "@digital_team Chợ nông sản trên Zalo của thôn",
            "người dân đăng bán nông sản, mỗi tháng có hàng trăm đơn hàng",
        ),
        (
            "@digital_team,radio Bình dân học vụ số",
            "mở lớp kỹ năng số cho người cao tuổi vào buổi tối tại nhà văn hóa",
        ),
    ),
    specific=("Tích cực tham gia chuyển đổi số ở cơ sở, đưa dịch vụ số đến người dân.",),
)

PROFILES["administrative-reform", "province"] = Profile(
    collectives=(
        ("Trung tâm Phục vụ hành chính công tỉnh", "Giám đốc", (30, 60)),
        ("Phòng Hành chính tư pháp – Sở Tư pháp", "Trưởng phòng", (6, 12)),
        ("Phòng Cải cách hành chính – Sở Nội vụ", "Trưởng phòng", (6, 10)),
        ("Văn phòng Đăng ký đất đai tỉnh – Chi nhánh {area}", "Giám đốc chi nhánh", (15, 30)),
        (
            "Phòng Kiểm soát thủ tục hành chính – Văn phòng Ủy ban nhân dân tỉnh",
            "Trưởng phòng",
            (6, 10),
        ),
    ),
    people=(
        (
            "Chuyên viên tiếp nhận hồ sơ",
            "Trung tâm Phục vụ hành chính công tỉnh",
            "female",
            (1988, 1997),
        ),
        ("Trưởng phòng Hành chính tư pháp", "Sở Tư pháp", "", (1975, 1985)),
        ("Thanh tra viên chính", "Thanh tra tỉnh", "", (1972, 1984)),
        ("Chuyên viên Phòng Cải cách hành chính", "Sở Nội vụ", "", (1985, 1995)),
        ("Chuyên viên Văn phòng Đăng ký đất đai", "Chi nhánh {area}", "", (1985, 1995)),
    ),
    results={
        "individual": (
            "@front_desk,land Tiếp nhận, hướng dẫn {3000-9000} hồ sơ năm {y}, không có hồ sơ trễ hạn, không có phản ánh về thái độ phục vụ.",
            "@reform_official,justice Tham mưu cắt giảm, đơn giản hóa {20-80} thủ tục hành chính; rút ngắn {20-40}% thời gian giải quyết.",
            "@inspector Chủ trì {5-14} cuộc thanh tra, kiến nghị thu hồi {2-15} tỷ đồng, kiến nghị xử lý trách nhiệm {4-20} tập thể, cá nhân.",
            "@front_desk,land Số hóa {10000-40000} hồ sơ, giấy tờ đã giải quyết, giúp người dân không phải nộp lại khi làm thủ tục lần sau.",
            "@inspector Giải quyết dứt điểm {10-35} vụ khiếu nại phức tạp, kéo dài, được người dân đồng thuận.",
        ),
        "collective": (
            "@service_centre,land_office Tỷ lệ hồ sơ giải quyết đúng hạn năm {y} đạt {99.0-99.9}%; mức độ hài lòng của người dân đạt {95-99}%.",
            "@reform_office,control_office Chỉ số cải cách hành chính của tỉnh năm {y-1} tăng {2-9} bậc so với năm trước.",
            "@service_centre,control_office {85-98}% hồ sơ được tiếp nhận trực tuyến toàn trình; thanh toán trực tuyến phí, lệ phí đạt {60-90}%.",
            "@justice_office Cấp {5000-20000} phiếu lý lịch tư pháp qua ứng dụng định danh điện tử, trả kết quả trong {1-3} ngày.",
        ),
    },
    models=(
        (
            "@service_centre,front_desk,land_office,land Hỗ trợ người dân làm thủ tục trực tuyến tại chỗ",
            "bố trí máy tính và người hướng dẫn tại sảnh, {70-90}% người đến được hướng dẫn nộp trực tuyến",
        ),
        (
            "@service_centre,land_office,justice_office,front_desk Trả kết quả tại nhà qua bưu điện",
            "{10000-40000} lượt kết quả được chuyển phát tận nơi mỗi năm",
        ),
        (
            "@service_centre,reform_office,reform_official,control_office Phiếu đánh giá sự hài lòng điện tử",
            "người dân đánh giá ngay tại quầy, kết quả công khai hằng tháng",
        ),
        (
            "@inspector,justice,reform_office Ngày thứ Năm lắng nghe",
            "lãnh đạo đơn vị trực tiếp đối thoại với người dân, doanh nghiệp mỗi tháng một lần",
        ),
    ),
    specific=(
        "Giải quyết thủ tục hành chính đúng hạn, không có hồ sơ trễ hạn; không gây phiền hà, sách nhiễu.",
        "Có sáng kiến cải cách hành chính được áp dụng, đem lại sự hài lòng cho người dân, doanh nghiệp.",
    ),
)

PROFILES["administrative-reform", "local"] = Profile(
    collectives=(("Bộ phận Một cửa – Ủy ban nhân dân {place}", "Trưởng bộ phận", (5, 12)),),
    people=(
        ("Công chức Tư pháp - Hộ tịch", "Ủy ban nhân dân {place}", "", (1985, 1996)),
        ("Công chức Địa chính - Xây dựng", "Ủy ban nhân dân {place}", "male", (1982, 1994)),
        (
            "Công chức tiếp nhận hồ sơ Bộ phận Một cửa",
            "Ủy ban nhân dân {place}",
            "female",
            (1988, 1998),
        ),
    ),
    results={
        "individual": (
            "@civil_status Giải quyết {1200-4000} hồ sơ hộ tịch, chứng thực năm {y}, 100% đúng hạn.",
            "@civil_status,land_clerk,one_stop_clerk Sau khi sắp xếp chính quyền hai cấp từ ngày 01/7/2025, nhanh chóng tiếp nhận, giải quyết thông suốt {200-700} thủ tục thẩm quyền mới.",
            "@one_stop_clerk,civil_status Hướng dẫn người dân nộp hồ sơ trực tuyến, tỷ lệ hồ sơ trực tuyến toàn trình của xã đạt {70-95}%.",
        ),
        "collective": (
            "Không có hồ sơ trễ hạn năm {y}; mức độ hài lòng của người dân đạt {95-100}%.",
            "Số hóa {100}% kết quả giải quyết thủ tục hành chính; đứng tốp đầu toàn tỉnh về chỉ số phục vụ người dân.",
        ),
    },
    models=(
        (
            "Một cửa không chờ",
            "bấm số tự động, có người hướng dẫn, thời gian chờ dưới {10-15} phút",
        ),
        (
            "Công chức đến tận nhà người cao tuổi",
            "chứng thực, đăng ký hộ tịch tại nhà cho người già yếu, khuyết tật",
        ),
    ),
    specific=(
        "Giải quyết thủ tục hành chính đúng quy định, đúng hạn; không để người dân phải đi lại nhiều lần.",
    ),
)

PROFILES["party-government", "province"] = Profile(
    collectives=(
        ("Phòng Tổ chức cán bộ – Sở Nội vụ", "Trưởng phòng", (6, 12)),
        ("Phòng Lý luận chính trị – Ban Tuyên giáo Tỉnh ủy", "Trưởng phòng", (5, 10)),
        ("Chi bộ Văn phòng – Sở Tư pháp", "Bí thư chi bộ", (10, 25)),
        ("Ban Tổ chức – Tỉnh đoàn", "Trưởng ban", (4, 8)),
        ("Phòng Thanh tra, giải quyết khiếu nại – Thanh tra tỉnh", "Trưởng phòng", (6, 12)),
    ),
    people=(
        ("Phó Trưởng Ban Tuyên giáo Tỉnh ủy", "Ban Tuyên giáo Tỉnh ủy", "", (1970, 1980)),
        ("Chuyên viên chính Phòng Tổ chức cán bộ", "Sở Nội vụ", "", (1980, 1990)),
        ("Báo cáo viên Tỉnh ủy", "Ban Tuyên giáo Tỉnh ủy", "", (1975, 1988)),
        ("Phó Chánh Văn phòng", "Sở Tư pháp", "female", (1978, 1988)),
    ),
    results={
        "individual": (
            "@personnel,propaganda_deputy Tham mưu xây dựng đề án sắp xếp tổ chức bộ máy năm 2025, bảo đảm các cơ quan mới đi vào hoạt động thông suốt từ ngày đầu.",
            "@propaganda_deputy,lecturer_party Trực tiếp biên soạn {6-20} tài liệu sinh hoạt chi bộ, đề cương tuyên truyền các ngày lễ lớn năm {y}.",
            "@lecturer_party,propaganda_deputy Báo cáo viên giỏi cấp tỉnh; trình bày {30-80} buổi quán triệt nghị quyết cho cán bộ, đảng viên cơ sở.",
            "@personnel,office_deputy Tham mưu giải quyết chế độ, chính sách cho {200-800} cán bộ, công chức nghỉ việc theo Nghị định 178/2024/NĐ-CP đúng thời hạn.",
        ),
        "collective": (
            "@party_cell,theory,personnel_office,youth_org Chi bộ hoàn thành xuất sắc nhiệm vụ {3-5} năm liền; {100}% đảng viên hoàn thành tốt nhiệm vụ trở lên.",
            "@theory,youth_org Tổ chức {4-10} hội nghị học tập, quán triệt nghị quyết với hơn {2000-8000} lượt cán bộ, đảng viên tham dự.",
            "@personnel_office Thẩm định {30-90} đề án vị trí việc làm; hoàn thành sắp xếp bộ máy {100}% đơn vị đúng tiến độ của Trung ương.",
        ),
    },
    models=(
        (
            "Sinh hoạt chi bộ chuyên đề theo tháng",
            "mỗi tháng một chuyên đề gắn với nhiệm vụ chính trị của cơ quan",
        ),
        (
            "@party_cell,theory,propaganda_deputy,lecturer_party,youth_org Sổ tay đảng viên điện tử",
            "{100}% đảng viên của đảng bộ sử dụng, nhận tài liệu sinh hoạt trên điện thoại",
        ),
        (
            "Dân vận khéo trong thực hiện nhiệm vụ chuyên môn",
            "cán bộ đến cơ sở lắng nghe, tháo gỡ vướng mắc cho người dân",
        ),
    ),
    specific=(
        "Cấp ủy, chi bộ đạt trong sạch, vững mạnh; đảng viên được xếp loại hoàn thành xuất sắc nhiệm vụ.",
        "Tham mưu có chất lượng các văn bản về xây dựng Đảng, chính quyền; được cấp trên đánh giá cao.",
    ),
)

PROFILES["party-government", "local"] = Profile(
    collectives=(
        ("Chi bộ {village}", "Bí thư chi bộ", (20, 60)),
        ("Ban công tác Mặt trận {village}", "Trưởng ban", (5, 9)),
        ("Ủy ban nhân dân {place}", "Chủ tịch", (20, 38)),
    ),
    people=(
        ("Bí thư Chi bộ, Trưởng thôn", "{Village}, {place}", "male", (1958, 1978)),
        ("Trưởng thôn", "{Village}, {place}", "", (1960, 1980)),
        ("Phó Chủ tịch Ủy ban nhân dân", "{place}", "", (1975, 1988)),
        ("Công chức Văn phòng - Thống kê", "Ủy ban nhân dân {place}", "female", (1985, 1995)),
    ),
    results={
        "individual": (
            "@village_head Vận động nhân dân hiến {800-3000} m² đất, đóng góp {300-1500} triệu đồng làm {1-4} km đường bê tông liên thôn.",
            "@village_head Là “người đứng mũi” trong việc hòa giải {10-30} vụ mâu thuẫn ở cơ sở, không để phát sinh khiếu kiện vượt cấp.",
            "@village_head Thôn đạt chuẩn khu dân cư nông thôn mới kiểu mẫu năm {y}, không có hộ nghèo.",
            "@commune_official Tham mưu sắp xếp, ổn định bộ máy xã mới sau ngày 01/7/2025; {100}% hồ sơ, tài liệu của các xã cũ được bàn giao, lưu trữ đầy đủ.",
        ),
        "collective": (
            "@cell Chi bộ đạt trong sạch, vững mạnh {3-6} năm liền; kết nạp {2-5} đảng viên mới là đoàn viên thanh niên.",
            "@commune_committee Hoàn thành {100}% chỉ tiêu kinh tế – xã hội năm {y}; thu nhập bình quân đầu người đạt {58-85} triệu đồng/năm.",
            "@commune_committee,front_board Giải quyết dứt điểm {90-100}% đơn thư của công dân; không có điểm nóng về an ninh nông thôn.",
        ),
    },
    models=(
        (
            "@commune_committee,commune_official Ngày thứ Bảy cùng dân",
            "cán bộ, đảng viên cùng nhân dân làm vệ sinh môi trường, sửa đường làng mỗi tháng",
        ),
        (
            "@cell,village_head Đảng viên phụ trách hộ",
            "mỗi đảng viên theo dõi, giúp đỡ {5-10} hộ gia đình",
        ),
        (
            "@village_head,front_board,cell Hòm thư góp ý tại nhà văn hóa thôn",
            "tiếp nhận, trả lời {30-90} ý kiến của nhân dân mỗi năm",
        ),
    ),
    specific=(
        "Cấp ủy, chính quyền được nhân dân tin tưởng; thực hiện tốt quy chế dân chủ ở cơ sở.",
        "Hoàn thành xuất sắc các chỉ tiêu phát triển kinh tế – xã hội, quốc phòng – an ninh của địa phương.",
    ),
)

PROFILES["social-security", "province"] = Profile(
    collectives=(
        ("Trung tâm Bảo trợ xã hội tỉnh", "Giám đốc", (40, 80)),
        ("Trung tâm Dịch vụ việc làm tỉnh", "Giám đốc", (25, 45)),
        ("Phòng Người có công – Sở Lao động - Thương binh và Xã hội", "Trưởng phòng", (6, 12)),
        ("Ban Cứu trợ – Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "Trưởng ban", (5, 10)),
        ("Hội Cựu chiến binh Khối các cơ quan tỉnh", "Chủ tịch Hội", (150, 400)),
    ),
    people=(
        ("Điều dưỡng viên", "Trung tâm Bảo trợ xã hội tỉnh", "female", (1980, 1994)),
        ("Tư vấn viên việc làm", "Trung tâm Dịch vụ việc làm tỉnh", "", (1985, 1995)),
        ("Chuyên viên Phòng Người có công", "Sở Nội vụ", "", (1978, 1990)),
        ("Cựu chiến binh, Chủ tịch Hội Cựu chiến binh", "{area}", "male", (1950, 1962)),
    ),
    households=("gia đình thương binh làm kinh tế giỏi",),
    results={
        "individual": (
            "@carer Chăm sóc, nuôi dưỡng {20-60} đối tượng bảo trợ là người già cô đơn, trẻ em mồ côi, người tâm thần; nhiều năm không nghỉ Tết.",
            "@job_adviser Tư vấn, giới thiệu việc làm cho {1500-5000} lượt lao động năm {y}, trong đó {300-900} người đi làm việc ở nước ngoài theo hợp đồng.",
            "@merit_official Rà soát, giải quyết chế độ cho {200-700} hồ sơ người có công tồn đọng; không để sai sót, chậm trễ.",
            "@veteran_leader Vận động hội viên, doanh nghiệp ủng hộ {300-1500} triệu đồng xây {5-20} “Nhà nghĩa tình đồng đội” cho cựu chiến binh khó khăn.",
        ),
        "collective": (
            "@merit_office,care_centre Chi trả trợ cấp cho {50000-90000} người có công và đối tượng bảo trợ đúng, đủ, kịp thời qua tài khoản ngân hàng.",
            "@job_centre Tổ chức {15-40} phiên giao dịch việc làm, kết nối việc làm thành công cho {6000-15000} lượt người năm {y}.",
            "@relief Vận động Quỹ Vì người nghèo được {20-60} tỷ đồng; hỗ trợ xây mới, sửa chữa {300-1200} nhà đại đoàn kết.",
            "@relief,merit_office Hoàn thành mục tiêu xóa nhà tạm, nhà dột nát trên địa bàn tỉnh trước ngày 30/8/2025.",
        ),
        "household": (
            "Vượt qua thương tật, gia đình phát triển kinh tế với thu nhập {300-900} triệu đồng/năm, giúp {3-10} hộ cựu chiến binh khó khăn.",
        ),
    },
    models=(
        (
            "@carer,care_centre Ngôi nhà bình yên cho người cao tuổi cô đơn",
            "nuôi dưỡng tập trung, có bác sĩ thăm khám hằng tuần",
        ),
        (
            "@job_centre,job_adviser Sàn giao dịch việc làm trực tuyến",
            "{200-600} doanh nghiệp đăng tuyển, người lao động phỏng vấn qua video",
        ),
        (
            "@merit_office,merit_official Chi trả trợ cấp không dùng tiền mặt",
            "{90-100}% người hưởng nhận qua tài khoản, tiết kiệm thời gian đi lại",
        ),
        (
            "@veteran_leader,veterans,relief Nhà nghĩa tình đồng đội",
            "hội viên góp công, góp tiền xây nhà cho cựu chiến binh nghèo",
        ),
    ),
    specific=(
        "Thực hiện đầy đủ, kịp thời chính sách an sinh xã hội; không để đối tượng nào bị bỏ sót.",
        "Có nhiều đóng góp giúp đỡ người nghèo, người có hoàn cảnh khó khăn vươn lên.",
    ),
)

PROFILES["social-security", "local"] = Profile(
    collectives=(
        ("Chi hội Cựu chiến binh {village}", "Chi hội trưởng", (25, 70)),
        ("Chi hội Chữ thập đỏ {place}", "Chi hội trưởng", (40, 150)),
        ("Câu lạc bộ Liên thế hệ tự giúp nhau {village}", "Chủ nhiệm", (40, 70)),
    ),
    people=(
        (
            "Cựu chiến binh, thương binh hạng [2/4|3/4|4/4]",
            "{Village}, {place}",
            "male",
            (1950, 1965),
        ),
        ("Công chức Lao động - Thương binh và Xã hội", "Ủy ban nhân dân {place}", "", (1982, 1994)),
        ("Chi hội trưởng Chi hội Chữ thập đỏ", "{place}", "female", (1962, 1978)),
    ),
    households=(
        "gia đình cựu chiến binh làm kinh tế giỏi",
        "gia đình nhiều năm giúp người nghèo trong thôn",
    ),
    results={
        "individual": (
            "@war_invalid Vượt qua thương tật, phát triển mô hình chăn nuôi cho thu nhập {300-800} triệu đồng/năm; giúp {5-15} hộ thoát nghèo.",
            "@red_cross_leader,labour_official Vận động các nhà hảo tâm ủng hộ {100-600} triệu đồng, sửa {3-10} nhà cho hộ nghèo, gia đình chính sách.",
            "@labour_official Rà soát chính xác hộ nghèo, cận nghèo; {100}% đối tượng bảo trợ được chi trả đúng, kịp thời.",
        ),
        "collective": (
            "@veterans_branch Hội viên giúp nhau {200-700} ngày công, {50-200} triệu đồng vốn; không còn hội viên thuộc diện hộ nghèo.",
            "@red_cross Tổ chức {4-10} đợt hiến máu tình nguyện với {200-600} đơn vị máu; trao {100-400} suất quà Tết cho hộ nghèo.",
            "@intergen Duy trì {40-70} thành viên là người cao tuổi chăm sóc lẫn nhau; {10-25} người cao tuổi cô đơn được thăm hỏi hằng tuần.",
        ),
        "household": (
            "Gia đình {3-6} nhân khẩu, thu nhập ổn định {300-700} triệu đồng/năm; mỗi năm dành {10-40} triệu đồng giúp hộ nghèo trong thôn.",
            "Nhận đỡ đầu {2-6} trẻ em mồ côi đến khi trưởng thành; tặng {2-4} con bò giống cho hộ khó khăn.",
        ),
    },
    models=(
        (
            "@red_cross,red_cross_leader,intergen Hũ gạo tình thương",
            "mỗi hộ góp gạo hằng tháng, tặng cho người già neo đơn, trẻ mồ côi",
        ),
        (
            "@veterans_branch,war_invalid Cựu chiến binh giúp nhau làm kinh tế",
            "hội viên khá giả cho vay vốn không lãi, hướng dẫn kỹ thuật chăn nuôi",
        ),
        (
            "@veterans_branch,war_invalid,red_cross,labour_official Ngân hàng bò",
            "luân chuyển {10-40} con bò giống giữa các hộ nghèo",
        ),
    ),
    specific=(
        "Tích cực tham gia các hoạt động nhân đạo, từ thiện; giúp đỡ người có hoàn cảnh khó khăn trên địa bàn.",
    ),
)

PROFILES["social-life", "province"] = Profile(
    collectives=(
        ("Ban Dân chủ - Pháp luật – Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "Trưởng ban", (4, 8)),
        ("Ban Gia đình - Xã hội – Hội Liên hiệp Phụ nữ tỉnh", "Trưởng ban", (4, 8)),
        ("Đội Thanh niên tình nguyện tỉnh", "Đội trưởng", (40, 120)),
        ("Câu lạc bộ Nữ doanh nhân tỉnh", "Chủ nhiệm", (40, 90)),
        ("Ban Phong trào – Tỉnh đoàn", "Trưởng ban", (4, 8)),
    ),
    people=(
        (
            "Phó Chủ tịch Hội Liên hiệp Phụ nữ tỉnh",
            "Hội Liên hiệp Phụ nữ tỉnh",
            "female",
            (1975, 1985),
        ),
        ("Phó Bí thư Tỉnh đoàn", "Tỉnh đoàn", "", (1988, 1995)),
        (
            "Trưởng ban Dân chủ - Pháp luật",
            "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh",
            "",
            (1972, 1982),
        ),
        ("Đoàn viên, Đội trưởng Đội hình tình nguyện", "Tỉnh đoàn", "", (1996, 2003)),
    ),
    households=("gia đình “5 không, 3 sạch” tiêu biểu",),
    results={
        "individual": (
            "@front_official,youth_leader,women_leader Tham mưu tổ chức {6-20} diễn đàn, đối thoại giữa lãnh đạo tỉnh với [thanh niên|phụ nữ|đoàn viên công đoàn], tiếp nhận và trả lời {80-250} ý kiến.",
            "@women_leader Vận động {200-900} triệu đồng hỗ trợ phụ nữ nghèo làm kinh tế; {40-150} hội viên thoát nghèo.",
            "@youth_leader,volunteer Chỉ huy {4-12} chiến dịch thanh niên tình nguyện hè, làm {5-20} km đường điện chiếu sáng, {6-20} “Công trình thanh niên” ở các xã.",
            "@front_official Phụ trách Cuộc vận động “Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh”, tổng hợp kết quả giám sát, phản biện ở {20-60} cuộc.",
        ),
        "collective": (
            "@front_board_prov Giám sát {10-30} cuộc về thực hiện chính sách an sinh xã hội; {90-100}% kiến nghị được cơ quan chức năng tiếp thu.",
            "@women_board,businesswomen Hỗ trợ {300-1200} phụ nữ khởi nghiệp; {20-60} mô hình kinh tế tập thể do phụ nữ làm chủ hoạt động hiệu quả.",
            "@volunteers,youth_board Tổ chức {20-50} hoạt động tình nguyện với {3000-10000} lượt đoàn viên tham gia; giá trị công trình hơn {2-8} tỷ đồng.",
        ),
        "household": (
            "Gia đình đạt chuẩn “5 không, 3 sạch” {4-10} năm liền, là hạt nhân trong phong trào xây dựng khu dân cư văn minh.",
        ),
    },
    models=(
        (
            "@youth_leader,volunteer,volunteers,youth_board Thắp sáng đường quê",
            "đoàn viên, thanh niên lắp {300-1200} bóng đèn năng lượng mặt trời trên đường làng",
        ),
        (
            "@women_leader,women_board,businesswomen Phụ nữ khởi nghiệp sáng tạo",
            "cuộc thi ý tưởng thường niên, hỗ trợ vốn cho {6-20} dự án mỗi năm",
        ),
        (
            "@front_official,front_board_prov Mặt trận lắng nghe dân nói",
            "đối thoại định kỳ tại khu dân cư, phản ánh kịp thời ý kiến của nhân dân",
        ),
        (
            "@women_leader,women_board,businesswomen Mẹ đỡ đầu",
            "hội viên nhận đỡ đầu {50-200} trẻ em mồ côi đến khi trưởng thành",
        ),
    ),
    specific=(
        "Tích cực tham gia các phong trào thi đua, cuộc vận động ở khu dân cư; giữ gìn nếp sống văn minh.",
        "Vận động được đông đảo đoàn viên, hội viên và nhân dân tham gia, có sức lan tỏa trong cộng đồng.",
    ),
)

PROFILES["social-life", "local"] = Profile(
    collectives=(
        ("Chi hội Phụ nữ {village}", "Chi hội trưởng", (50, 180)),
        ("Chi đoàn {village}", "Bí thư chi đoàn", (15, 45)),
        ("Khu dân cư {village}", "Trưởng ban công tác Mặt trận", (150, 500)),
        ("Tổ phụ nữ tự quản “Đường hoa thôn quê” {village}", "Tổ trưởng", (12, 30)),
    ),
    people=(
        ("Chi hội trưởng Chi hội Phụ nữ", "{Village}, {place}", "female", (1968, 1985)),
        ("Bí thư Đoàn Thanh niên", "{place}", "", (1992, 2000)),
        ("Trưởng ban công tác Mặt trận", "{Village}, {place}", "male", (1955, 1972)),
        ("Hội viên Hội Người cao tuổi", "{Village}, {place}", "", (1942, 1955)),
    ),
    households=(
        "gia đình văn hóa tiêu biểu",
        "gia đình “5 không, 3 sạch”",
        "gia đình ba thế hệ hòa thuận, hạnh phúc",
    ),
    results={
        "individual": (
            "@women_branch_leader,front_leader Vận động hội viên thu gom, phân loại rác tại nguồn; {80-100}% hộ trong thôn tham gia, đường làng luôn sạch đẹp.",
            "@women_branch_leader Vận động {20-60} hội viên vay vốn, hướng dẫn cách làm ăn; {5-15} hộ hội viên thoát nghèo.",
            "@youth_secretary Tổ chức cho đoàn viên trồng {1-3} km đường hoa, {200-800} cây xanh trên các trục đường của xã.",
            "@elder Dù tuổi cao vẫn gương mẫu vận động con cháu thực hiện nếp sống văn minh trong việc cưới, việc tang.",
        ),
        "collective": (
            "@women_branch Chi hội có {90-100}% hội viên tham gia sinh hoạt; giúp nhau {50-250} triệu đồng vốn, {300-800} ngày công.",
            "@residential Khu dân cư văn hóa tiêu biểu {3-8} năm liền; không có người vi phạm pháp luật, không có tệ nạn xã hội.",
            "@flower_group,women_branch Duy trì “Đường hoa thôn quê” dài {1-3} km, mỗi tháng hai lần làm vệ sinh môi trường.",
            "@youth_branch Đoàn viên góp {500-2000} ngày công sửa nhà văn hóa, làm sân chơi cho thiếu nhi.",
        ),
        "household": (
            "Gia đình văn hóa tiêu biểu {5-20} năm liền; các con chăm ngoan, học giỏi, không ai vi phạm pháp luật.",
            "Thực hiện tốt nếp sống văn minh, tổ chức việc cưới, việc tang tiết kiệm; tích cực tham gia phân loại rác tại nguồn.",
            "Ba thế hệ cùng chung sống hòa thuận, được chọn làm gương điển hình trong phong trào “Xây dựng gia đình 5 không, 3 sạch” của {place}.",
            "Tự nguyện hiến {100-400} m² đất, góp {10-60} triệu đồng làm đường, xây nhà văn hóa thôn.",
        ),
    },
    models=(
        (
            "@women_branch,women_branch_leader,front_leader,residential,elder Phân loại rác tại nguồn – ủ phân hữu cơ tại hộ",
            "giảm {30-60}% lượng rác phải vận chuyển đi xử lý",
        ),
        (
            "@flower_group,women_branch,women_branch_leader,youth_branch,youth_secretary Đường hoa thôn quê",
            "mỗi hộ chăm sóc đoạn đường trước cửa nhà, tạo cảnh quan xanh, sạch, đẹp",
        ),
        (
            "@women_branch,women_branch_leader,front_leader Địa chỉ tin cậy ở cộng đồng",
            "nơi hỗ trợ phụ nữ, trẻ em bị bạo lực gia đình, hòa giải mâu thuẫn",
        ),
        (
            "@women_branch,women_branch_leader Tiết kiệm vì phụ nữ nghèo",
            "hội viên góp {10000-30000} đồng mỗi tháng, cho hội viên nghèo vay không lãi",
        ),
        (
            "@residential,front_leader,elder,youth_branch,youth_secretary Nhà văn hóa mở cửa cả ngày",
            "người cao tuổi đọc báo, trẻ em học bài, sinh hoạt câu lạc bộ",
        ),
    ),
    specific=(
        "Gương mẫu thực hiện nếp sống văn minh, gia đình văn hóa; tích cực tham gia các hoạt động của khu dân cư.",
        "Được nhân dân ở khu dân cư bình xét, suy tôn; có sức lan tỏa trong cộng đồng.",
    ),
)

# Sentences any exemplar may carry, by subject kind.
OPENERS = {
    "individual": (
        "@working Hơn {career} năm công tác, luôn gương mẫu, tận tụy, được đồng nghiệp và nhân dân tin yêu.",
        "@working,young Đảng viên, nhiều năm liền được đánh giá hoàn thành xuất sắc nhiệm vụ.",
        "Là {position_lower}, luôn chủ động, sáng tạo và sẵn sàng nhận việc khó.",
        "Gia đình có hoàn cảnh không ít khó khăn nhưng luôn vượt lên, hoàn thành tốt mọi nhiệm vụ được giao.",
        "@young Tuổi trẻ nhưng có trình độ, bản lĩnh, là lực lượng nòng cốt của đơn vị.",
        "@elder Tuổi đã cao nhưng luôn nhiệt tình với công việc chung, được bà con trong thôn tin cậy, nể trọng.",
        "@villager Chịu thương chịu khó, luôn đi đầu trong các phong trào của thôn, được bà con tin yêu.",
        "@elder Dù đã nghỉ hưu nhiều năm, vẫn gương mẫu đi đầu trong mọi phong trào ở khu dân cư.",
    ),
    "collective": (
        "Tập thể {members} [cán bộ, công chức|người lao động|hội viên|đoàn viên] đoàn kết, thống nhất, hoàn thành xuất sắc nhiệm vụ năm {y}.",
        "Trong năm {y}, dù [nhân lực còn thiếu|khối lượng công việc tăng nhiều sau sắp xếp bộ máy|ảnh hưởng của thiên tai], tập thể vẫn về đích sớm các chỉ tiêu được giao.",
        "Nội bộ đoàn kết; {100}% thành viên hoàn thành tốt nhiệm vụ, không có người vi phạm kỷ luật.",
    ),
    "household": (
        "Gia đình {members} nhân khẩu, chấp hành tốt chủ trương, chính sách và các quy định của địa phương.",
        "Từ hai bàn tay trắng, vợ chồng chịu khó làm ăn, nay là hộ khá giả của thôn.",
        "Gia đình nhiều năm liền đạt danh hiệu Gia đình văn hóa, nuôi dạy con cái trưởng thành.",
    ),
}

RECOGNITION = {
    "individual": (
        "@working,young Chiến sĩ thi đua cơ sở năm {y-2}, {y-1}.",
        "Được tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh năm {y-1}.",
        "@working,young Được tặng Giấy khen của thủ trưởng đơn vị {2-4} năm liền.",
        "@working,young Lao động tiên tiến {3-8} năm liên tục.",
        "@elder,villager Được Ủy ban nhân dân xã tặng Giấy khen năm {y-1} vì có nhiều đóng góp cho công việc chung của thôn.",
        "@elder Nhiều năm liền được Hội Người cao tuổi xã biểu dương “Tuổi cao - gương sáng”.",
    ),
    "collective": (
        "Tập thể lao động xuất sắc năm {y-2}, {y-1}.",
        "Được tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh năm {y-1}.",
        "Tập thể lao động tiên tiến {3-6} năm liền.",
    ),
    "household": (
        "Gia đình văn hóa tiêu biểu {3-10} năm liền.",
        "Hộ sản xuất kinh doanh giỏi cấp [huyện|tỉnh] năm {y-1}.",
    ),
}

# Evidence for the four general criteria (plan IV.2.a), by criterion number.
GENERAL_EVIDENCE = {
    1: (
        "Chấp hành nghiêm chủ trương của Đảng, chính sách, pháp luật của Nhà nước và quy định của địa phương; [không có ai vi phạm kỷ luật|không có đơn thư khiếu nại, tố cáo|thực hiện tốt quy chế dân chủ ở cơ sở].",
        "Gương mẫu thực hiện các quy định của nơi công tác và nơi cư trú; được cấp ủy nơi cư trú nhận xét tốt năm {y}.",
        "Thực hiện tốt Chỉ thị 05-CT/TW về học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh; không vi phạm pháp luật.",
        "Tham gia đầy đủ sinh hoạt chi bộ, đoàn thể; chấp hành tốt nghĩa vụ công dân, nghĩa vụ thuế và các khoản đóng góp của địa phương.",
    ),
    2: (
        "Hoàn thành xuất sắc nhiệm vụ năm {y-1} và năm {y} (quyết định đánh giá, xếp loại kèm theo).",
        "Các chỉ tiêu được giao năm {y} đều đạt và vượt, có chỉ tiêu vượt {10-35}%.",
        "Được [cấp ủy|thủ trưởng đơn vị|Ủy ban nhân dân xã] đánh giá hoàn thành xuất sắc nhiệm vụ, là nhân tố tiêu biểu của phong trào thi đua năm {y}.",
        "Kết quả công việc được cấp trên ghi nhận bằng [Giấy khen|Bằng khen] năm {y-1}; năm {y} tiếp tục vượt kế hoạch.",
    ),
    3: (
        "Mô hình {model} được {reviewer} đánh giá hiệu quả, [nhân rộng ra|áp dụng tại] {3-25} [đơn vị|xã, phường|thôn, tổ dân phố].",
        "Sáng kiến {model} được Hội đồng sáng kiến công nhận năm {y}, có biên bản đánh giá hiệu quả kèm theo.",
        "{model}: {model_effect}.",
        "Đi đầu trong phong trào thi đua của đơn vị; mô hình {model} được giới thiệu tại hội nghị sơ kết phong trào năm {y}.",
    ),
    4: (
        "Ủng hộ Quỹ Vì người nghèo {1-20} triệu đồng; tham gia hiến máu tình nguyện {2-18} lần.",
        "Tích cực ủng hộ đồng bào bị ảnh hưởng bởi bão số 3 (Yagi) năm 2024 và các đợt cứu trợ của Mặt trận Tổ quốc.",
        "Nhận đỡ đầu {1-5} học sinh có hoàn cảnh khó khăn; tặng {5-40} suất quà cho gia đình chính sách dịp Tết.",
        "Góp {2-30} triệu đồng và {5-30} ngày công xây dựng nhà đại đoàn kết cho hộ nghèo.",
        "Tham gia Quỹ đền ơn đáp nghĩa, Quỹ khuyến học; thăm hỏi, giúp đỡ {3-12} gia đình khó khăn tại nơi cư trú.",
    ),
}

# Reasons Home Affairs gives when it sends a record back; each with what the unit then adds
# (to the achievements) and the comment it sends with the record again.
RETURN_REASONS = (
    (
        "Đề nghị bổ sung văn bản đánh giá hiệu quả của mô hình {model} có xác nhận của cơ quan chuyên môn.",
        "Mô hình đã được {reviewer} đánh giá hiệu quả bằng văn bản ngày {day}.",
        "Đã bổ sung văn bản đánh giá hiệu quả của mô hình.",
    ),
    (
        "Báo cáo thành tích chưa nêu số liệu cụ thể của năm {y}; đề nghị bổ sung số liệu và so sánh với năm {y-1}.",
        "Năm {y}, các chỉ tiêu chính tăng {8-25}% so với năm {y-1} (số liệu kèm theo báo cáo).",
        "Đã bổ sung số liệu năm {y} và so sánh với năm trước.",
    ),
    (
        "Minh chứng tiêu chuẩn 4 (tương thân tương ái, từ thiện) còn chung chung; đề nghị nêu rõ số tiền, số lần, thời gian tham gia.",
        "Năm {y} ủng hộ các quỹ nhân đạo tổng cộng {3-25} triệu đồng, hiến máu tình nguyện {1-3} lần.",
        "Đã nêu cụ thể minh chứng tiêu chuẩn 4.",
    ),
    (
        "Đề nghị bổ sung ý kiến nhận xét của cấp ủy nơi cư trú về việc chấp hành chủ trương, chính sách, pháp luật.",
        "Được chi ủy nơi cư trú nhận xét gương mẫu, chấp hành tốt chủ trương, pháp luật (nhận xét ngày {day}).",
        "Đã bổ sung nhận xét của cấp ủy nơi cư trú.",
    ),
    (
        "Thông tin về chức vụ, nơi công tác chưa khớp với danh sách đơn vị gửi kèm; đề nghị rà soát, thống nhất.",
        "Đơn vị đã rà soát, thống nhất thông tin về chức vụ và nơi công tác theo quyết định phân công gần nhất.",
        "Đã rà soát, thống nhất thông tin.",
    ),
    (
        "Đề nghị làm rõ phạm vi ảnh hưởng của sáng kiến (cấp cơ sở hay cấp tỉnh) và gửi kèm quyết định công nhận.",
        "Sáng kiến có phạm vi ảnh hưởng cấp tỉnh theo quyết định công nhận ngày {day}.",
        "Đã gửi kèm quyết định công nhận sáng kiến.",
    ),
)

# Reasons a district sent a commune's record back before the reform.
DISTRICT_RETURN_REASONS = (
    (
        "Đề nghị Ủy ban nhân dân xã bổ sung biên bản họp bình xét của thôn.",
        "Đã được hội nghị thôn bình xét, suy tôn với {85-100}% ý kiến nhất trí (biên bản ngày {day}).",
        "Đã bổ sung biên bản họp bình xét của thôn.",
    ),
    (
        "Hồ sơ chưa có ý kiến của Ủy ban Mặt trận Tổ quốc xã; đề nghị bổ sung.",
        "Ủy ban Mặt trận Tổ quốc xã thống nhất đề nghị (văn bản ngày {day}).",
        "Đã bổ sung ý kiến của Ủy ban Mặt trận Tổ quốc xã.",
    ),
    (
        "Số liệu về thu nhập chưa có xác nhận của cán bộ nông nghiệp xã; đề nghị bổ sung.",
        "Số liệu thu nhập đã được công chức Nông nghiệp xã xác nhận ngày {day}.",
        "Đã bổ sung xác nhận số liệu thu nhập.",
    ),
)

# The unit head sends an editor's record back before signing it off: (reason, what the
# editor adds, the editor's note on sending it again).
HEAD_RETURN_REASONS = (
    (
        "Đề nghị bổ sung ý kiến của Hội đồng Thi đua - Khen thưởng cơ quan trước khi trình ký.",
        "Hội đồng Thi đua - Khen thưởng cơ quan đã họp, thống nhất đề nghị (biên bản ngày {day}).",
        "Đã bổ sung biên bản họp Hội đồng Thi đua - Khen thưởng cơ quan.",
    ),
    (
        "Phần thành tích còn dài, chưa làm rõ kết quả nổi bật của năm {y}; đề nghị viết gọn, nêu số liệu cụ thể.",
        "Kết quả nổi bật của năm {y} đã được tổng hợp lại, có số liệu so sánh với năm {y-1}.",
        "Đã viết gọn phần thành tích, bổ sung số liệu năm {y}.",
    ),
    (
        "Chưa có ý kiến của tổ chức công đoàn cơ quan; đề nghị bổ sung trước khi gửi Sở Nội vụ.",
        "Ban Chấp hành Công đoàn cơ quan thống nhất đề nghị (văn bản ngày {day}).",
        "Đã bổ sung ý kiến của Công đoàn cơ quan.",
    ),
)

HEAD_APPROVE_COMMENTS = (
    "",
    "",
    "Đồng ý, đề nghị Sở Nội vụ xem xét.",
    "Thống nhất gửi hồ sơ.",
)

REFUSAL_REASONS = (
    "Thành tích chưa nổi bật so với các điển hình cùng lĩnh vực trong năm {y}; đề nghị đơn vị tiếp tục bồi dưỡng.",
    "Mô hình mới triển khai {3-6} tháng, chưa đủ cơ sở đánh giá hiệu quả; đề nghị xem xét vào năm {y+1}.",
    "Thành tích trùng với hồ sơ đã được công nhận điển hình năm {y-1}; không xét lại cho cùng thành tích.",
    "Trong năm {y}, tập thể có thành viên bị xử lý kỷ luật; chưa đáp ứng tiêu chuẩn 1.",
    "Hồ sơ chưa chứng minh được tác động của mô hình ngoài phạm vi gia đình; đề nghị tiếp tục theo dõi, bồi dưỡng.",
)

ACCEPT_COMMENTS = (
    "",
    "",
    "Công nhận điển hình tiên tiến năm {y}.",
    "Hồ sơ đầy đủ, thành tích tiêu biểu.",
    "Đồng ý; đề nghị đơn vị tiếp tục theo dõi, nhân rộng mô hình.",
    "Thành tích nổi bật, có sức lan tỏa.",
)

ENDORSE_COMMENTS = (
    "",
    "Ủy ban nhân dân huyện thống nhất đề nghị.",
    "Đã thẩm định, đủ điều kiện đề nghị Sở Nội vụ công nhận.",
    "Xã đã xác nhận thành tích.",
)

# Nurturing notes on new factors during the year: (support given, shortcomings).
NURTURING = (
    (
        "Cử cán bộ chuyên môn hướng dẫn hoàn thiện quy trình, ghi chép số liệu theo tháng.",
        "Số liệu theo dõi chưa đầy đủ; cần có xác nhận của cơ quan chuyên môn.",
    ),
    (
        "Giới thiệu tham quan, học tập mô hình tương tự ở {area}.",
        "Cách làm còn mới, chưa nhân rộng ra ngoài phạm vi {scope}.",
    ),
    (
        "Hỗ trợ {5-30} triệu đồng từ kinh phí thi đua để hoàn thiện mô hình.",
        "",
    ),
    (
        "Biểu dương tại hội nghị sơ kết sáu tháng; đưa tin trên trang thông tin điện tử của đơn vị.",
        "Cần tổng kết, đánh giá hiệu quả bằng số liệu trước khi đề nghị công nhận.",
    ),
    (
        "Mời chia sẻ kinh nghiệm tại buổi sinh hoạt chuyên đề của {scope}.",
        "Hồ sơ minh chứng tiêu chuẩn 4 còn thiếu.",
    ),
)

# Follow-up of an accepted exemplar: effect, potential, difficulties, support.
FOLLOW_UP_EFFECT = (
    "Mô hình {model} tiếp tục duy trì hiệu quả; năm {y+1} {model_effect}.",
    "Giữ vững thành tích; kết quả năm {y+1} tăng {5-20}% so với năm được công nhận.",
    "Tiếp tục là nhân tố tiêu biểu của {scope}; được mời chia sẻ kinh nghiệm tại {2-6} hội nghị.",
    "Cách làm đã được {3-15} [đơn vị|xã, phường|thôn] học tập, áp dụng.",
)
FOLLOW_UP_POTENTIAL = (
    "Có khả năng nhân rộng ra các [đơn vị cùng ngành|xã, phường] trong tỉnh.",
    "Có thể xây dựng thành mô hình điểm của tỉnh trong giai đoạn 2026 - 2030.",
    "Cần thêm nguồn lực để mở rộng quy mô.",
    "",
)
FOLLOW_UP_DIFFICULTIES = (
    "Kinh phí duy trì mô hình còn hạn chế.",
    "Cán bộ phụ trách thay đổi khi sắp xếp tổ chức bộ máy năm 2025.",
    "Đầu ra sản phẩm chưa ổn định, giá cả biến động.",
    "",
    "",
)
FOLLOW_UP_SUPPORT = (
    "Giới thiệu với Báo và Phát thanh, Truyền hình Ninh Bình để tuyên truyền.",
    "Mời báo cáo điển hình tại hội nghị gặp mặt điển hình tiên tiến nhân ngày 11/6.",
    "Đề nghị cơ quan chuyên môn hỗ trợ kỹ thuật và xúc tiến tiêu thụ sản phẩm.",
    "Hỗ trợ {10-50} triệu đồng từ kinh phí khen thưởng để nhân rộng mô hình.",
    "",
)

# How coverage presents an exemplar: headlines by subject kind ({name}, {model}, {place}).
HEADLINES = {
    "individual": (
        "{name}: người [thầm lặng|tận tụy|say nghề] với {work}",
        "Gặp {name}, người khởi xướng mô hình {model}",
        "{name} và hành trình {3-20} năm [gắn bó|cống hiến] với {work}",
        "Tấm gương {name}",
    ),
    "collective": (
        "{name}: tập thể [đoàn kết|đổi mới|đi đầu] trong phong trào thi đua",
        "Lan tỏa mô hình {model} từ {name}",
        "Chuyện ở {name}",
    ),
    "household": (
        "{name} làm giàu từ {work}",
        "{name}: gia đình [gương mẫu|hiếu học|làm kinh tế giỏi] ở {place}",
        "Cách làm hay của {name}",
    ),
}
COVERAGE_SUMMARIES = (
    "Bài viết giới thiệu thành tích và cách làm của điển hình tiên tiến được Sở Nội vụ công nhận năm {y}.",
    "Phóng sự ghi lại một ngày làm việc và những chia sẻ của điển hình về mô hình {model}.",
    "Tin về việc nhân rộng mô hình {model}.",
    "",
)
INTRODUCTION_ANGLES = (
    "Giới thiệu chân dung điển hình và mô hình {model}; liên hệ qua đơn vị: {unit}.",
    "Đề nghị thực hiện phóng sự về kết quả nhân rộng mô hình {model}.",
    "Giới thiệu nhân dịp gặp mặt điển hình tiên tiến; nhấn mạnh sức lan tỏa trong cộng đồng.",
    "Bài viết cho chuyên mục “Điển hình tiên tiến - Nhân tố mới”.",
)
PROPOSAL_REASONS = (
    "Có thành tích xuất sắc năm {y}: {highlight}",
    "Có thành tích tiêu biểu trong phong trào thi đua năm {y}; {highlight}",
    "Đã có nhiều đóng góp trong năm {y}; {highlight}",
)
APPRAISAL_NOTES = {
    "agreed": (
        "Hồ sơ đủ điều kiện theo quy định.",
        "Thành tích tiêu biểu; đồng ý trình Chủ tịch Ủy ban nhân dân tỉnh.",
        "Đủ điều kiện, tiêu chuẩn theo Luật Thi đua, khen thưởng năm 2022.",
    ),
    "needs_more": (
        "Bổ sung quyết định công nhận sáng kiến có phạm vi ảnh hưởng cấp tỉnh.",
        "Bổ sung báo cáo thành tích có xác nhận của cấp trình khen.",
        "Bổ sung biên bản họp Hội đồng thi đua, khen thưởng của đơn vị.",
    ),
    "not_agreed": (
        "Chưa đủ thời gian từ lần khen thưởng trước theo quy định.",
        "Thành tích chưa đạt tiêu chuẩn của hình thức đề nghị; đề nghị xét hình thức khen thấp hơn.",
    ),
}

# Who a person or collective is, read from the position and workplace (or the collective's
# name) of the templates above: a text marked ``@tag,tag`` belongs only to those, so a
# nurse is not credited with a surgeon's operations nor a village elder with a youth
# union's work. Texts with no mark fit anyone of the field. Persons also carry their age
# (``young`` up to 37, ``elder`` from 66, ``working`` between) for the openers.
PERSONAS = (
    # health
    (r"^Bác sĩ", "doctor"),
    (r"^Điều dưỡng", "nurse"),
    (r"Dược", "pharma"),
    (r"^Kỹ thuật viên|^Khoa Xét nghiệm", "lab"),
    (r"^Nữ hộ sinh|^Khoa (Phụ sản|Nhi) ", "midwife"),
    (r"Sản Nhi|^Khoa Nhi|^Nữ hộ sinh", "neonatal"),
    (r"^Bác sĩ, Giám đốc", "director"),
    (r"^Khoa .*Bệnh viện", "ward"),
    (r"^Trung tâm Y tế", "centre"),
    (r"Kiểm soát bệnh", "cdc"),
    (r"Cấp cứu", "ems"),
    (r"Trạm Y tế|^Y sĩ|^Trưởng Trạm|^Đội y tế", "station"),
    (r"^Nhân viên y tế thôn", "village_health"),
    # education
    (r"^Giáo viên \[Toán", "subject_teacher"),
    (r"^Giáo viên chủ nhiệm", "form_teacher"),
    (r"^Giáo viên Tin học", "it_teacher"),
    (r"^Hiệu trưởng", "principal"),
    (r"Sở Giáo dục và Đào tạo$", "official"),
    (r"^Trường|^Trung tâm Giáo dục", "school"),
    (r"^Tổ (Toán|Ngữ)", "team"),
    (r"^Giáo viên (Tiểu học|Mầm non)", "teacher"),
    (r"Khuyến học", "study_promotion"),
    # defence and security
    (r"Điều tra tổng hợp", "detective"),
    (r"chữa cháy.*\| Công an", "firefighter"),
    (r"An ninh mạng", "cyber"),
    (r"Chính trị viên|Trung đội trưởng", "army_officer"),
    (r"quản lý hành chính về trật tự", "police_admin"),
    (r"^Đội Cảnh sát giao thông", "traffic"),
    (r"^Phòng Cảnh sát hình sự", "crime_unit"),
    (r"^Đội Cảnh sát phòng cháy", "fire_unit"),
    (r"^Ban Chỉ huy Phòng thủ|^Đại đội", "army"),
    (r"Phó Trưởng Công an|^Công an \{place\}", "commune_police"),
    (r"Tổ bảo vệ|^Tổ trưởng Tổ bảo vệ", "watch"),
    (r"Quân sự \{place\}|Chỉ huy trưởng Ban Chỉ huy Quân sự|dân quân", "militia"),
    # industry, construction and transport
    (r"^Công nhân", "worker"),
    (r"^Kỹ sư, Trưởng phòng Kỹ thuật", "engineer"),
    (r"^Kỹ sư cầu đường", "road_engineer"),
    (r"^Giám đốc \| Công ty", "director"),
    (r"^Chủ tịch Công đoàn|^Tổ Công đoàn", "union"),
    (r"^Tổ sản xuất số|^Phân xưởng|^Tổ lắp ráp", "workshop"),
    (r"^Ban Quản lý dự án", "project_board"),
    (r"Quản lý thị trường", "market"),
    (r"^Chủ cơ sở", "owner"),
    (r"^Nghệ nhân \[thêu", "artisan"),
    # agriculture and environment
    (r"Khuyến nông khu vực", "extension"),
    (r"^Trung tâm Khuyến nông", "extension_centre"),
    (r"^Kiểm lâm viên", "ranger"),
    (r"^Hạt Kiểm lâm", "forest"),
    (r"^Nông dân|^Chủ trang trại", "farmer"),
    (r"^Giám đốc Hợp tác xã", "coop_director"),
    (r"^Hợp tác xã (nông nghiệp|dịch vụ)", "coop"),
    (r"^Kỹ sư môi trường", "environment"),
    (r"^Trạm Quan trắc", "environment_station"),
    (r"Trồng trọt và Bảo vệ thực vật", "plant"),
    (r"nghề nuôi ong", "bee"),
    (r"^Chủ tịch Hội Nông dân", "farmers_union"),
    (r"^Chi hội Nông dân", "farmers_branch"),
    (r"rau an toàn", "vegetables"),
    # finance and banking
    (r"Tài chính hành chính sự nghiệp", "finance_official"),
    (r"Đăng ký kinh doanh", "registration"),
    (r"^Cán bộ tín dụng", "loan_officer"),
    (r"^Kế toán trưởng", "accountant"),
    (r"Quản lý ngân sách", "budget"),
    (r"^Kho bạc", "treasury"),
    (r"^Phòng Giao dịch Ngân hàng", "bank"),
    (r"^Quỹ Tín dụng", "credit_fund"),
    (r"(?i)tiết kiệm và vay vốn", "savings"),
    (r"^Kế toán ngân sách", "commune_accountant"),
    # science and technology
    (r"^Tiến sĩ|^Thạc sĩ", "researcher"),
    (r"^Giảng viên", "lecturer"),
    (r"chủ nhiệm sáng chế", "inventor"),
    (r"Quản lý khoa học", "science_office"),
    (r"^Trung tâm Ứng dụng", "science_centre"),
    (r"Sáng tạo trẻ", "youth_club"),
    (r"^Phòng thí nghiệm", "lab_team"),
    # culture, arts and sports
    (r"^Vận động viên", "athlete"),
    (r"^Huấn luyện viên", "coach"),
    (r"diễn viên", "actor"),
    (r"^Hướng dẫn viên", "guide"),
    (r"^Thư viện viên", "librarian"),
    (r"^Nhà hát", "theatre"),
    (r"^Đội tuyển", "team_sport"),
    (r"Tràng An$", "heritage"),
    (r"xúc tiến du lịch", "tourism"),
    (r"^Thư viện tỉnh", "library"),
    (r"^Nghệ nhân \[hát", "artist"),
    (r"^Chủ nhiệm Câu lạc bộ", "club_leader"),
    (r"^Công chức Văn hóa", "culture_official"),
    (r"^Câu lạc bộ Chèo", "cheo_club"),
    (r"^Đội văn nghệ", "troupe"),
    (r"Dưỡng sinh", "elder_club"),
    # information and communications
    (r"^Phóng viên", "reporter"),
    (r"^Biên tập viên", "editor"),
    (r"^Kỹ sư an toàn thông tin", "security_engineer"),
    (r"^Quay phim", "camera"),
    (r"^(Ban|Phòng) (Thời sự|Phóng viên)", "newsroom"),
    (r"^Trung tâm (Công nghệ thông tin|Giám sát)", "it_centre"),
    (r"công nghệ số cộng đồng", "digital_team"),
    (r"Đài Truyền thanh", "radio"),
    # administrative reform
    (r"^Chuyên viên tiếp nhận", "front_desk"),
    (r"^Trưởng phòng Hành chính tư pháp", "justice"),
    (r"^Thanh tra viên", "inspector"),
    (r"^Chuyên viên Phòng Cải cách", "reform_official"),
    (r"^Chuyên viên Văn phòng Đăng ký", "land"),
    (r"^Trung tâm Phục vụ", "service_centre"),
    (r"^Phòng Hành chính tư pháp", "justice_office"),
    (r"^Phòng Cải cách", "reform_office"),
    (r"^Văn phòng Đăng ký đất đai", "land_office"),
    (r"Kiểm soát thủ tục", "control_office"),
    (r"Tư pháp - Hộ tịch", "civil_status"),
    (r"Địa chính - Xây dựng", "land_clerk"),
    (r"Bộ phận Một cửa|^Công chức tiếp nhận", "one_stop_clerk"),
    # party and government
    (r"^Phó Trưởng Ban Tuyên giáo", "propaganda_deputy"),
    (r"Phòng Tổ chức cán bộ \|", "personnel"),
    (r"^Phòng Tổ chức cán bộ", "personnel_office"),
    (r"^Báo cáo viên", "lecturer_party"),
    (r"^Phó Chánh Văn phòng", "office_deputy"),
    (r"Lý luận chính trị", "theory"),
    (r"^Chi bộ", "party_cell"),
    (r"^Phòng Thanh tra", "inspection_office"),
    (r"Tỉnh đoàn$", "youth_org"),
    (r"Trưởng thôn", "village_head"),
    (r"^Phó Chủ tịch Ủy ban nhân dân|^Công chức Văn phòng - Thống kê", "commune_official"),
    (r"^Chi bộ \{village\}", "cell"),
    (r"^Ủy ban nhân dân \{place\}", "commune_committee"),
    (r"^Ban công tác Mặt trận \{village\}", "front_board"),
    # social security
    (r"^Điều dưỡng viên", "carer"),
    (r"^Tư vấn viên việc làm", "job_adviser"),
    (r"Phòng Người có công \|", "merit_official"),
    (r"Chủ tịch Hội Cựu chiến binh", "veteran_leader"),
    (r"^Trung tâm Bảo trợ", "care_centre"),
    (r"^Trung tâm Dịch vụ việc làm", "job_centre"),
    (r"^Phòng Người có công", "merit_office"),
    (r"^Ban Cứu trợ", "relief"),
    (r"^Hội Cựu chiến binh Khối", "veterans"),
    (r"thương binh hạng", "war_invalid"),
    (r"Lao động - Thương binh và Xã hội \|", "labour_official"),
    (r"^Chi hội trưởng Chi hội Chữ thập đỏ", "red_cross_leader"),
    (r"^Chi hội Cựu chiến binh", "veterans_branch"),
    (r"^Chi hội Chữ thập đỏ", "red_cross"),
    (r"Liên thế hệ", "intergen"),
    # social life
    (r"^Phó Chủ tịch Hội Liên hiệp Phụ nữ", "women_leader"),
    (r"^Phó Bí thư Tỉnh đoàn", "youth_leader"),
    (r"^Trưởng ban Dân chủ", "front_official"),
    (r"^Đoàn viên, Đội trưởng", "volunteer"),
    (r"^Ban Dân chủ", "front_board_prov"),
    (r"^Ban Gia đình", "women_board"),
    (r"^Đội Thanh niên tình nguyện", "volunteers"),
    (r"Nữ doanh nhân", "businesswomen"),
    (r"^Ban Phong trào", "youth_board"),
    (r"^Chi hội trưởng Chi hội Phụ nữ", "women_branch_leader"),
    (r"^Bí thư Đoàn", "youth_secretary"),
    (r"^Trưởng ban công tác Mặt trận", "front_leader"),
    (r"Người cao tuổi", "elder"),
    (r"^Chi hội Phụ nữ", "women_branch"),
    (r"^Chi đoàn", "youth_branch"),
    (r"^Khu dân cư", "residential"),
    (r"Đường hoa thôn quê", "flower_group"),
)


# Results and initiatives of the personas the profiles above give too few of, added to
# their profile: (field, level) -> subject kind or "models" -> templates.
MORE = {
    ("health", "province"): {
        "individual": (
            "@pharma Bảo đảm cung ứng đủ {350-720} danh mục thuốc, không để người bệnh phải tự mua thuốc ngoài; phát hiện, ngăn chặn {12-40} trường hợp tương tác thuốc bất lợi.",
            "@lab Năm {y} thực hiện {40000-120000} xét nghiệm; kết quả ngoại kiểm của phòng xét nghiệm đạt {95-100}% mẫu chuẩn.",
            "@midwife Trực tiếp đỡ {150-420} ca đẻ an toàn năm {y}, không có tai biến sản khoa; hướng dẫn {60-200} bà mẹ chăm sóc trẻ sơ sinh tại nhà.",
        ),
        "collective": (
            "@cdc Giám sát {100}% ca bệnh truyền nhiễm được báo cáo; tỷ lệ trẻ dưới 1 tuổi tiêm chủng đầy đủ toàn tỉnh đạt {96-99}%.",
            "@ems Tiếp nhận {1800-4200} cuộc gọi cấp cứu, vận chuyển {900-2400} người bệnh năm {y}; thời gian tiếp cận hiện trường trung bình {9-14} phút.",
        ),
        "models": (
            (
                "@pharma,lab Cấp phát thuốc, trả kết quả theo mã QR",
                "người bệnh quét mã để nhận kết quả, hướng dẫn dùng thuốc, giảm {30-50}% thời gian chờ",
            ),
            (
                "@cdc,ems Bản đồ số ổ dịch và điểm tai nạn",
                "cập nhật hằng ngày, giúp điều phối {20-60} đội phản ứng nhanh",
            ),
        ),
    },
    ("education-training", "province"): {
        "individual": (
            "@principal Đưa trường vào nhóm {5-10} trường có điểm thi tốt nghiệp cao nhất tỉnh; vận động xã hội hóa {300-900} triệu đồng xây nhà đa năng.",
            "@official Tham mưu tổ chức kỳ thi tốt nghiệp trung học phổ thông năm {y} an toàn, nghiêm túc tại {40-70} điểm thi, không có sai sót.",
            "@official Chủ trì biên soạn tài liệu bồi dưỡng cho {800-2000} giáo viên thực hiện Chương trình giáo dục phổ thông 2018.",
        ),
    },
    ("education-training", "local"): {
        "individual": (
            "@principal Trường đạt chuẩn quốc gia mức độ 2 dưới sự điều hành của đồng chí; không có học sinh bỏ học {3-6} năm liền.",
            "@study_promotion Trao {80-260} suất học bổng cho học sinh nghèo vượt khó; {70-92}% hộ đạt danh hiệu gia đình học tập.",
        ),
        "collective": (
            "@study_promotion Hội có {1200-3500} hội viên; quỹ khuyến học đạt {300-1200} triệu đồng, khen thưởng {300-700} học sinh giỏi năm học {y-1} - {y}.",
        ),
    },
    ("defence-security", "province"): {
        "individual": (
            "@firefighter Xây dựng {20-60} phương án chữa cháy cho các khu công nghiệp, chợ, nhà cao tầng; tổ chức thực tập phương án tại {10-30} cơ sở.",
            "@cyber Phát hiện, gỡ bỏ {60-240} tài khoản, trang mạng lừa đảo; cảnh báo giúp người dân tránh thiệt hại hơn {2-9} tỷ đồng.",
            "@army_officer Chỉ huy đơn vị tham gia tìm kiếm cứu nạn trong bão số 3 năm 2024, giúp dân di dời {120-400} hộ.",
        ),
        "collective": (
            "@fire_unit Chữa cháy thành công {30-90} vụ, cứu nạn {10-40} người; thời gian có mặt tại hiện trường rút ngắn còn {6-12} phút.",
            "@army Huấn luyện {150-400} chiến sĩ mới, {70-85}% đạt khá, giỏi; hội thao quân sự của quân khu đạt giải [Nhất|Nhì].",
        ),
    },
    ("defence-security", "local"): {
        "individual": (
            "@militia Huấn luyện dân quân đạt {85-100}% khá, giỏi; tổ chức diễn tập phòng chống thiên tai, tìm kiếm cứu nạn của xã đạt loại giỏi.",
            "@watch Cùng tổ viên phát hiện, báo tin giúp công an bắt giữ {2-6} đối tượng trộm cắp; hòa giải thành {5-15} vụ mâu thuẫn trong thôn.",
        ),
        "collective": (
            "@militia Trung đội tham gia ứng cứu {3-8} điểm xung yếu đê điều; giúp dân thu hoạch {20-60} ha lúa chạy lũ.",
            "@watch Tổ duy trì tuần tra {4-6} đêm mỗi tuần; năm {y} {village} không xảy ra trộm cắp, không có tệ nạn ma túy.",
        ),
    },
    ("industry-construction-transport", "province"): {
        "individual": (
            "@engineer Chủ trì cải tiến dây chuyền, nâng công suất {8-20}%, giảm {5-12}% tiêu hao điện năng.",
            "@road_engineer Phát hiện, đề xuất xử lý kịp thời {4-12} sai sót thiết kế, tiết kiệm cho ngân sách hơn {2-9} tỷ đồng.",
            "@director Đưa doanh thu của công ty năm {y} tăng {12-30}%; nộp ngân sách {8-40} tỷ đồng, bảo đảm việc làm cho {200-900} lao động.",
            "@union Thương lượng thỏa ước lao động tập thể có {6-12} điều khoản có lợi hơn luật; vận động xây {3-8} “Mái ấm công đoàn”.",
            "@union Tổ chức bữa ăn ca trị giá {30000-40000} đồng, “Tết sum vầy” cho {600-2000} công nhân.",
        ),
        "collective": (
            "@project_board Giải ngân {95-100}% kế hoạch vốn năm {y}; {3-6} công trình hoàn thành trước hạn.",
            "@market Phối hợp kiểm tra {40-120} cơ sở kinh doanh dịp Tết; không để xảy ra ngộ độc thực phẩm đông người.",
        ),
    },
    ("industry-construction-transport", "local"): {
        "individual": (
            "@artisan Giữ gìn và sáng tạo {10-40} mẫu sản phẩm mới; được công nhận Nghệ nhân cấp tỉnh năm {y-2}.",
        ),
    },
    ("agriculture", "province"): {
        "individual": (
            "@extension Tổ chức {15-40} lớp tập huấn kỹ thuật cho {600-2000} lượt nông dân năm {y}.",
            "@ranger Tham gia trồng mới {10-40} ha rừng; vận động {30-80} hộ vùng đệm ký cam kết bảo vệ rừng.",
            "@coop_director Đưa hợp tác xã đạt lợi nhuận {500-2000} triệu đồng năm {y}; {2-4} sản phẩm đạt OCOP 3 sao.",
            "@environment Phân tích {600-1800} mẫu nước, đất, không khí năm {y}, kết quả được công bố công khai hằng tháng.",
        ),
        "collective": (
            "@extension_centre Chuyển giao {8-20} giống cây trồng, vật nuôi mới; {1000-3000} hộ áp dụng.",
            "@forest Tuần tra {300-800} lượt; phối hợp xử lý {10-40} vụ vi phạm lâm luật; độ che phủ rừng được giữ vững.",
            "@coop Cung ứng vật tư, bao tiêu {300-1200} tấn gạo chất lượng cao cho thành viên năm {y}.",
            "@bee Chi hội có {30-80} hội viên nuôi {2000-6000} đàn ong; sản lượng mật {40-120} tấn mỗi năm.",
            "@bee Hội viên giúp nhau {200-600} đàn ong giống; mật ong Cúc Phương đạt chứng nhận OCOP 3 sao.",
            "@environment_station Vận hành {20-45} trạm quan trắc tự động, truyền số liệu liên tục về Bộ; cảnh báo kịp thời {4-10} sự cố môi trường.",
            "@environment_station Thực hiện {800-2000} mẫu quan trắc năm {y}, {100}% đúng quy chuẩn kỹ thuật.",
        ),
    },
    ("agriculture", "local"): {
        "collective": (
            "@coop Liên kết sản xuất {100-400} ha lúa chất lượng cao; lợi nhuận chia cho thành viên tăng {10-25}% so với năm {y-1}.",
            "@farmers_branch Chi hội có {85-98}% hộ hội viên đạt danh hiệu sản xuất kinh doanh giỏi các cấp; không còn hộ hội viên nghèo.",
            "@vegetables Tổ có {15-40} thành viên canh tác {5-20} ha rau theo VietGAP; thu nhập bình quân {120-250} triệu đồng/hộ/năm.",
        ),
    },
    ("finance-banking", "province"): {
        "individual": (
            "@registration Hướng dẫn {800-2000} hộ kinh doanh chuyển đổi thành doanh nghiệp, thủ tục trả kết quả trong ngày.",
            "@loan_officer Phụ trách {8-15} tổ tiết kiệm và vay vốn, không có nợ quá hạn; giúp {40-120} hộ thoát nghèo.",
            "@accountant Quản lý tài chính minh bạch; quỹ có lãi {2-9} tỷ đồng năm {y}, nợ xấu dưới {0.2-0.8}%.",
            "@accountant Triển khai hóa đơn điện tử, thanh toán không dùng tiền mặt cho {100}% giao dịch của quỹ.",
        ),
        "collective": (
            "@registration Giải quyết {100}% hồ sơ đăng ký doanh nghiệp trực tuyến; số doanh nghiệp thành lập mới tăng {10-25}%.",
            "@treasury Kiểm soát {20000-50000} hồ sơ chi; từ chối thanh toán {40-150} khoản chi sai chế độ.",
            "@bank Dư nợ đạt {600-1200} tỷ đồng, nợ quá hạn chỉ {0.05-0.2}%; {100}% hộ nghèo có nhu cầu được vay vốn.",
            "@credit_fund Có {2000-6000} thành viên; lợi nhuận năm {y} đạt {3-12} tỷ đồng, nợ xấu dưới {0.3-0.8}%.",
        ),
    },
    ("finance-banking", "local"): {
        "individual": (
            "@savings Tổ có {40-70} tổ viên, dư nợ {2-6} tỷ đồng; {5-15} năm liền không có nợ quá hạn.",
            "@savings Hướng dẫn {10-30} hộ vay vốn làm ăn; {3-8} hộ đã thoát nghèo.",
            "@commune_accountant Thực hiện {100}% thanh toán qua Kho bạc; không có khoản chi sai chế độ năm {y}.",
        ),
    },
    ("science-technology", "province"): {
        "collective": (
            "@youth_club Câu lạc bộ có {40-120} thành viên; {6-18} sản phẩm đạt giải cuộc thi sáng tạo kỹ thuật.",
            "@lab_team Thực hiện {3-8} đề tài cấp tỉnh; nhân giống thành công {2-5} loài cây bản địa.",
        ),
    },
    ("culture-arts-sports", "province"): {
        "individual": (
            "@actor Tham gia {80-160} buổi biểu diễn năm {y}; truyền nghề cho {10-30} diễn viên trẻ.",
            "@athlete Tập luyện {6-8} giờ mỗi ngày; được phong cấp Kiện tướng quốc gia năm {y-1}.",
            "@coach Đào tạo {6-20} vận động viên đạt đẳng cấp quốc gia; học trò giành {3-10} huy chương.",
            "@guide Soạn bài thuyết minh song ngữ cho {5-12} điểm tham quan; được du khách đánh giá {4.6-4.9}/5 điểm.",
            "@librarian Xây dựng {10-30} tủ sách cho trường học vùng khó khăn; số bạn đọc tăng {20-45}%.",
        ),
        "collective": (
            "@theatre Dàn dựng {2-4} vở mới; đạt {2-5} Huy chương Vàng tại Liên hoan chèo toàn quốc.",
            "@team_sport Đội tập huấn {10-11} tháng trong năm; {3-8} vận động viên được gọi vào đội tuyển quốc gia.",
            "@heritage Thu {300-900} tỷ đồng phí tham quan; bảo tồn, tu bổ {3-8} di tích trong vùng lõi di sản.",
            "@tourism Tổ chức {6-15} đoàn khảo sát, {3-6} hội chợ du lịch; khách quốc tế tăng {15-40}%.",
            "@library Phục vụ {150000-400000} lượt bạn đọc; luân chuyển {20000-60000} bản sách về cơ sở.",
        ),
        "models": (
            (
                "@athlete,coach,team_sport Nhật ký tập luyện số",
                "theo dõi thể lực từng vận động viên hằng ngày, giảm chấn thương {20-40}%",
            ),
        ),
    },
    ("culture-arts-sports", "local"): {
        "individual": (
            "@artist Hơn {40-60} năm gắn bó với nghề; được phong tặng Nghệ nhân ưu tú.",
            "@club_leader Duy trì câu lạc bộ {10-25} năm với {20-60} hội viên; {3-6} lần đạt giải Liên hoan chèo không chuyên.",
            "@culture_official Tổ chức {5-12} giải thể thao, hội diễn văn nghệ quần chúng với {1000-4000} lượt người tham gia.",
        ),
        "collective": (
            "@cheo_club Truyền dạy chèo cho {30-80} học sinh; dàn dựng {6-15} trích đoạn chèo cổ.",
            "@elder_club Câu lạc bộ có {40-120} hội viên tập luyện mỗi sáng; {90-100}% hội viên có sức khỏe ổn định.",
            "@troupe Đội văn nghệ có {15-40} thành viên; đạt giải [A|B] hội diễn văn nghệ quần chúng toàn tỉnh.",
        ),
    },
    ("information-communications", "province"): {
        "individual": (
            "@editor Biên tập {1500-4000} tin, bài năm {y}, không để xảy ra sai sót về chính trị.",
            "@security_engineer Rà soát, khắc phục {40-160} lỗ hổng bảo mật trên hệ thống của các sở, ngành.",
            "@camera Thực hiện {200-500} phóng sự năm {y}; {2-4} tác phẩm đạt giải Liên hoan truyền hình toàn quốc.",
        ),
        "collective": (
            "@it_centre Triển khai {6-15} nền tảng số dùng chung của tỉnh; {95-100}% văn bản được trao đổi trên môi trường mạng.",
        ),
    },
    ("information-communications", "local"): {
        "individual": (
            "@digital_team Mở {10-30} lớp hướng dẫn kỹ năng số cho người cao tuổi, người khuyết tật.",
            "@radio Thu, biên tập {100-300} chương trình truyền thanh bằng ứng dụng công nghệ thông tin; phục vụ {100}% khu dân cư.",
        ),
        "collective": (
            "@digital_team Tổ có {6-15} thành viên; hỗ trợ {70-95}% người dân kích hoạt tài khoản định danh điện tử mức 2.",
            "@radio Phát {300-700} chương trình năm {y}, kịp thời thông tin phòng chống bão số 3 năm 2024.",
        ),
    },
    ("administrative-reform", "province"): {
        "individual": (
            "@justice Hướng dẫn nghiệp vụ hộ tịch, chứng thực cho {100-200} công chức cấp xã sau sắp xếp năm 2025.",
            "@reform_official Tổng hợp, theo dõi chỉ số cải cách hành chính; tham mưu giúp tỉnh tăng {2-8} bậc PAR Index.",
        ),
        "collective": (
            "@justice_office Cấp {3000-9000} phiếu lý lịch tư pháp đúng hạn; {100}% hồ sơ được tiếp nhận trực tuyến.",
            "@reform_office Kiểm tra cải cách hành chính tại {20-40} cơ quan, đơn vị; kịp thời chấn chỉnh {10-30} hạn chế.",
            "@land_office Cấp {5000-15000} giấy chứng nhận quyền sử dụng đất; giảm {20-40}% hồ sơ trễ hạn.",
        ),
    },
    ("administrative-reform", "local"): {
        "individual": (
            "@land_clerk Giải quyết {300-900} hồ sơ đất đai năm {y}, không có hồ sơ trễ hạn; hòa giải thành {10-30} vụ tranh chấp đất.",
        ),
    },
    ("party-government", "province"): {
        "individual": (
            "@office_deputy Tham mưu xây dựng quy chế làm việc, tiếp nhận và xử lý {5000-12000} văn bản năm {y}, {100}% trên môi trường mạng.",
        ),
        "collective": (
            "@inspection_office Tiến hành {8-20} cuộc thanh tra, kiến nghị thu hồi {3-20} tỷ đồng; giải quyết dứt điểm {10-30} vụ khiếu nại kéo dài.",
            "@inspection_office Tiếp {300-900} lượt công dân; {95-100}% đơn thư được phân loại, xử lý đúng thẩm quyền.",
            "@party_cell Chi bộ hoàn thành tốt nhiệm vụ, kết nạp {1-3} đảng viên mới; {100}% đảng viên học tập nghị quyết đầy đủ.",
        ),
    },
    ("party-government", "local"): {
        "individual": (
            "@commune_official Tham mưu Ủy ban nhân dân xã giải quyết {95-100}% đơn thư đúng hạn; số hóa {100}% văn bản đi, đến.",
            "@commune_official Theo dõi, đôn đốc {40-90} nhiệm vụ được giao, hoàn thành đúng hạn {95-100}%.",
        ),
        "collective": (
            "@cell Lãnh đạo {village} hoàn thành {100}% chỉ tiêu nghị quyết năm {y}; {100}% đảng viên phụ trách hộ, không có đảng viên vi phạm.",
            "@cell Duy trì sinh hoạt chi bộ chuyên đề hằng quý; vận động nhân dân hiến {300-1200} m² đất mở rộng đường làng.",
            "@front_board Vận động nhân dân đóng góp {200-800} triệu đồng và {500-2000} ngày công xây dựng nông thôn mới.",
            "@front_board Phối hợp hòa giải thành {5-20} vụ mâu thuẫn; {90-100}% hộ đạt gia đình văn hóa.",
        ),
    },
    ("social-security", "province"): {
        "individual": (
            "@carer Chăm sóc {20-40} người cao tuổi cô đơn; {10-20} năm không để xảy ra sự cố trong chăm sóc.",
            "@job_adviser Tổ chức {10-30} buổi tư vấn hướng nghiệp tại trường học cho {2000-6000} học sinh.",
            "@merit_official Tham mưu tổ chức thăm, tặng quà cho {8000-15000} người có công dịp 27/7.",
            "@veteran_leader Vận động {40-120} hội viên làm kinh tế giỏi; không còn hội viên thuộc diện hộ nghèo.",
        ),
        "collective": (
            "@care_centre Nuôi dưỡng {120-250} đối tượng bảo trợ xã hội; {100}% được khám sức khỏe định kỳ.",
            "@job_centre Giới thiệu việc làm cho {4000-10000} lao động; {600-1500} lao động đi làm việc ở nước ngoài.",
            "@veterans Hội vận động {200-700} triệu đồng giúp hội viên khó khăn; {100}% chi hội đạt vững mạnh.",
            "@veterans Xây {5-15} nhà “Nghĩa tình đồng đội”; thăm hỏi {100-300} hội viên ốm đau.",
        ),
    },
    ("social-security", "local"): {
        "individual": (
            "@war_invalid Vượt qua di chứng chiến tranh, tham gia tuyên truyền truyền thống cách mạng cho {500-1500} lượt học sinh.",
            "@labour_official Tham mưu chi trả {100}% chế độ trợ cấp qua tài khoản ngân hàng; hỗ trợ xóa {10-40} nhà tạm.",
            "@red_cross_leader Vận động {100-300} lượt người hiến máu tình nguyện năm {y}; kết nối {20-60} ca mổ tim cho trẻ em.",
        ),
        "collective": (
            "@veterans_branch Chi hội có {30-90} hội viên; {90-100}% gia đình hội viên đạt gia đình văn hóa, {3-8} hội viên làm kinh tế giỏi.",
            "@red_cross Chi hội có {200-600} hội viên; hỗ trợ {50-150} hộ khó khăn với tổng giá trị {200-600} triệu đồng.",
            "@intergen Câu lạc bộ tổ chức {30-80} buổi chăm sóc sức khỏe; {10-30} thành viên được hỗ trợ vốn làm kinh tế.",
        ),
    },
    ("social-life", "province"): {
        "individual": (
            "@volunteer Tham gia {20-60} ngày tình nguyện, hiến máu {4-12} lần; đội hình sửa chữa {10-30} nhà nhân ái.",
            "@women_leader Chỉ đạo thành lập {40-120} tổ hợp tác do phụ nữ làm chủ; {1000-3000} hội viên được vay vốn.",
            "@front_official Tổ chức {10-30} hội nghị phản biện xã hội; {90-100}% kiến nghị được cấp có thẩm quyền trả lời.",
        ),
        "collective": (
            "@front_board_prov Tổng hợp {200-600} ý kiến, kiến nghị của cử tri; giám sát {10-30} vụ việc dân quan tâm.",
            "@women_board Hỗ trợ {100-400} phụ nữ bị bạo lực gia đình; thành lập {40-90} địa chỉ tin cậy.",
            "@volunteers Đội có {40-120} đoàn viên; tổ chức {10-30} đợt tình nguyện hè, xây {5-15} công trình thanh niên.",
            "@businesswomen Câu lạc bộ có {50-150} hội viên; hỗ trợ {30-80} phụ nữ khởi nghiệp, tạo việc làm cho {300-900} lao động.",
            "@youth_board Tổ chức {6-15} giải thi đấu, {10-30} hoạt động tình nguyện; thu hút {5000-15000} đoàn viên.",
        ),
    },
    ("social-life", "local"): {
        "individual": (
            "@youth_secretary Vận động {30-90} đoàn viên tham gia tình nguyện; thành lập {2-5} câu lạc bộ kỹ năng cho thiếu nhi.",
            "@youth_secretary Hỗ trợ {5-15} thanh niên khởi nghiệp, giới thiệu {20-60} thanh niên đi học nghề.",
            "@front_leader Vận động {90-100}% hộ trong thôn ký cam kết thực hiện nếp sống văn minh; hòa giải thành {5-15} vụ mâu thuẫn.",
            "@elder Tham gia ban hòa giải của thôn; góp phần hòa giải thành {3-10} vụ mâu thuẫn trong dòng họ, xóm giềng.",
            "@elder Trông coi, quét dọn nhà văn hóa và đình làng; vận động con cháu góp {10-40} triệu đồng tu bổ di tích.",
        ),
        "collective": (
            "@youth_branch Chi đoàn có {15-45} đoàn viên; tổ chức {10-20} buổi sinh hoạt hè cho {80-200} thiếu nhi.",
            "@youth_branch Đảm nhận {1-3} công trình thanh niên, giá trị {50-200} triệu đồng.",
            "@residential Khu dân cư có {90-100}% hộ đạt gia đình văn hóa; không có hộ nghèo, không có tệ nạn xã hội.",
            "@flower_group Tổ có {12-30} thành viên; trồng, chăm sóc {500-1500} cây hoa dọc {1-3} km đường làng.",
        ),
    },
}


def _merge_more() -> None:
    """Add ``MORE`` to the profiles (once, at import)."""
    import dataclasses

    for key, additions in MORE.items():
        profile = PROFILES[key]
        results = {kind: tuple(texts) for kind, texts in profile.results.items()}
        for kind, texts in additions.items():
            if kind != "models":
                results[kind] = results.get(kind, ()) + tuple(texts)
        PROFILES[key] = dataclasses.replace(
            profile, results=results, models=profile.models + tuple(additions.get("models", ()))
        )


_merge_more()
