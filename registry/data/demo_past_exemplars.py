"""The demo's exemplars of past years (2023-2025) that the awards and period-review demo
(``reports.demo_data``) brings through the workflow; the demo province plans around them."""

PAST_EXEMPLARS = [
    (
        "ha-syt-2023",
        "37-SYT",
        "canbo.syt",
        2023,
        {
            "subject_kind": "individual",
            "full_name": "Trần Thị Thu Hà",
            "gender": "female",
            "birth_year": 1981,
            "position": "Điều dưỡng trưởng Khoa Nội tim mạch",
            "workplace": "Bệnh viện Đa khoa tỉnh Ninh Bình",
        },
        "health",
        "van-hoa-cong-so",
        "Tổ chức chăm sóc toàn diện cho hơn 4.000 lượt người bệnh tim mạch mỗi năm; ba năm liền "
        "hoàn thành xuất sắc nhiệm vụ, Chiến sĩ thi đua cơ sở năm 2022, 2023.",
        "Mô hình “Điều dưỡng tận tâm - Người bệnh hài lòng”, được Sở Y tế nhân rộng ra các bệnh "
        "viện tuyến tỉnh.",
    ),
    (
        "thuan-giavan-2023",
        "373-GIAVAN",
        "canbo.giavan",
        2023,
        {
            "subject_kind": "household",
            "household_head": "Đinh Văn Thuấn",
            "household_address": "Thôn Tùy Hối, xã Gia Vân",
            "household_members": 5,
        },
        "agriculture",
        "nong-thon-moi-2021-2025",
        "Cải tạo 3 ha ruộng trũng sang trồng lúa hữu cơ kết hợp nuôi vịt; hiến 150 m² đất mở "
        "rộng đường trục thôn Tùy Hối.",
        "Liên kết với Hợp tác xã dịch vụ nông nghiệp Gia Vân bao tiêu lúa hữu cơ cho 20 hộ.",
    ),
    (
        "ninhkhanh-sgddt-2024",
        "37-SGDDT",
        "canbo.sgddt",
        2024,
        {
            "subject_kind": "collective",
            "collective_name": "Trường Tiểu học Ninh Khánh, thành phố Ninh Bình",
            "head_name": "Nguyễn Thị Minh Nguyệt",
            "member_count": 58,
        },
        "education-training",
        "van-hoa-cong-so",
        "Năm năm liền đạt danh hiệu Tập thể lao động xuất sắc; 100% học sinh hoàn thành chương "
        "trình lớp học, 36 học sinh đạt giải cấp tỉnh năm học 2023 - 2024.",
        "Mô hình “Thư viện xanh” ngoài trời, luân chuyển sách giữa các lớp và nhà văn hóa các "
        "phố trong phường.",
    ),
    (
        "nhung-giavan-2024",
        "373-GIAVAN",
        "canbo.giavan",
        2024,
        {
            "subject_kind": "individual",
            "full_name": "Bùi Thị Nhung",
            "gender": "female",
            "birth_year": 1979,
            "position": "Giám đốc Hợp tác xã dịch vụ nông nghiệp Gia Vân",
            "workplace": "Xã Gia Vân, huyện Gia Viễn",
        },
        "agriculture",
        "nong-thon-moi-2021-2025",
        "Đưa hợp tác xã từ thua lỗ thành có lãi; sản phẩm “Gạo hữu cơ Gia Vân” đạt chứng nhận "
        "OCOP 3 sao năm 2024.",
        "Cánh đồng lớn 50 ha cơ giới hóa đồng bộ từ gieo cấy đến thu hoạch, giảm 20% chi phí.",
    ),
]
