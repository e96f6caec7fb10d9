package app.tasklens.decoding;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param memory what all image decodes of the server may hold at once; 0 means 40 % of the maximum heap
 *        (154 MB of the launcher's 384 MB: with two label-now bodies per core and the labeling workers'
 *        images that leaves the rest of the server about half the heap)
 */
@ConfigurationProperties("tasklens.decoding")
record DecodingSettings(@DefaultValue("0") DataSize memory) {

	long bytes() {
		return memory.toBytes() > 0 ? memory.toBytes() : DecodeBudget.heapShare();
	}
}
