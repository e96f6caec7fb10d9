import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Writes the label hierarchy resources that {@code app.tasklens.vision.LabelHierarchy} reads
 * ({@code label-hierarchy.tsv}, {@code imagenet-classes.tsv}, {@code coco-classes.tsv}) from WordNet 3.0.
 *
 * <pre>java tools/hierarchy/GenerateHierarchy.java /usr/share/wordnet src/main/resources/vision</pre>
 *
 * A build-time tool, run from the repository root with the single-file source launcher; nothing in the
 * product calls it. WordNet comes from the Debian package {@code wordnet-base}. The output depends only on
 * WordNet, the ImageNet-1k id list next to this file and the tables below, so regenerating gives the same
 * bytes ({@code LabelHierarchyResourceTest} checks that).
 *
 * <p>How a node gets its place:
 * <ul>
 * <li>Every ImageNet-1k synset and every COCO class is a node. So is every synset in {@link #NODES}: WordNet's
 * upper levels are abstractions ("whole", "object", "instrumentality") and its middle levels are zoology
 * ("placental", "diapsid", "oscine") that nobody searches for, so an intermediate synset becomes a label only
 * when it is listed there, under the word people use.</li>
 * <li>A node's parents are the nearest nodes on each of its WordNet hypernym paths (type and instance
 * hypernyms), minus any parent that is already an ancestor of another parent; the file lists only direct
 * parents.</li>
 * <li>Names: a name from {@link #NODES}, else the COCO class name, else the synset's first lemma (ImageNet's
 * own naming), in Title Case. When names clash, a chosen name (NODES, then COCO) keeps it and the others get a
 * qualifier: the name of their most specific parent ("Crane (Bird)"), or else their WordNet hypernym ("Crane
 * (Lifting Device)").</li>
 * <li>Aliases: the synset's other lemmas whose most frequent sense it is (WordNet's index order, so a bicycle
 * is not aliased "Wheel"), without scientific names and without words that name another node.</li>
 * <li>Categories: one per node, from {@link #CATEGORIES}.</li>
 * </ul>
 */
public class GenerateHierarchy {

	/**
	 * Intermediate labels and names WordNet's lemmas don't give: synsets by sense key (lemma.n.NN, NN = position
	 * of the synset in the lemma's line of index.noun, as NLTK numbers them) or by WordNet id, then the display
	 * name. Several keys on a line are one node; only the first one's hypernyms, aliases and categories count,
	 * the others just map to it (ImageNet's "cup" synset is a punch in WordNet but its pictures are cups; its
	 * "television" is the broadcasting system but its pictures are TV sets).
	 */
	static final String NODES = """
			# animals
			animal.n.01                       Animal
			invertebrate.n.01                 Invertebrate
			domestic_animal.n.01              Pet
			mammal.n.01                       Mammal
			carnivore.n.01                    Carnivore
			canine.n.02                       Canine
			dog.n.01                          Dog
			terrier.n.01                      Terrier
			hound.n.01                        Hound
			retriever.n.01                    Retriever
			spaniel.n.01                      Spaniel
			setter.n.02                       Setter
			poodle.n.01                       Poodle
			shepherd_dog.n.01                 Sheepdog
			schnauzer.n.01                    Schnauzer
			corgi.n.01                        Corgi
			wolf.n.01                         Wolf
			fox.n.01                          Fox
			feline.n.01                       Feline
			domestic_cat.n.01                 Cat
			big_cat.n.01                      Big Cat
			wildcat.n.03                      Wildcat
			bear.n.01                         Bear
			primate.n.02                      Primate
			monkey.n.01                       Monkey
			ape.n.01                          Ape
			rodent.n.01                       Rodent
			rabbit.n.01                       Rabbit
			antelope.n.01                     Antelope
			cattle.n.01                       Cow
			swine.n.01                        Pig
			elephant.n.01                     Elephant
			whale.n.02                        Whale
			marsupial.n.01                    Marsupial
			bird.n.01                         Bird
			bird_of_prey.n.01                 Bird of Prey
			eagle.n.01                        Eagle
			parrot.n.01                       Parrot
			duck.n.01                         Duck
			finch.n.01                        Finch
			heron.n.02                        Heron
			fish.n.01                         Fish
			shark.n.01                        Shark
			reptile.n.01                      Reptile
			snake.n.01                        Snake
			lizard.n.01                       Lizard
			turtle.n.02                       Turtle
			crocodilian_reptile.n.01          Crocodilian
			amphibian.n.03                    Amphibian
			frog.n.01                         Frog
			salamander.n.01                   Salamander
			insect.n.01                       Insect
			beetle.n.01                       Beetle
			butterfly.n.01                    Butterfly
			arachnid.n.01                     Arachnid
			spider.n.01                       Spider
			crustacean.n.01                   Crustacean
			crab.n.01                         Crab
			lobster.n.02                      Lobster
			mollusk.n.01                      Mollusk
			# people
			person.n.01                       Person
			athlete.n.01                      Athlete
			# plants; a seed or a nut is shown as part of a plant, not as "Fruit" next to apples
			plant.n.02 plant_part.n.01        Plant
			flower.n.01                       Flower
			fungus.n.01                       Fungus
			# food and drink; WordNet has nutrient food and solid food, one label for users
			food.n.01 food.n.02               Food
			beverage.n.01                     Beverage
			alcohol.n.01                      Alcohol
			wine.n.01                         Wine
			coffee.n.01                       Coffee
			dish.n.02                         Dish
			edible_fruit.n.01                 Fruit
			vegetable.n.01                    Vegetable
			bread.n.01                        Bread
			baked_goods.n.01                  Baked Goods
			dessert.n.01                      Dessert
			sandwich.n.01                     Sandwich
			squash.n.02                       Squash
			sauce.n.01                        Sauce
			hotdog.n.02                       Hot Dog
			# vehicles
			conveyance.n.03                   Transportation
			vehicle.n.01                      Vehicle
			car.n.01                          Car
			truck.n.01                        Truck
			bus.n.01                          Bus
			van.n.05                          Van
			bicycle.n.01                      Bicycle
			motorcycle.n.01                   Motorcycle
			train.n.01                        Train
			locomotive.n.01                   Locomotive
			aircraft.n.01                     Aircraft
			airplane.n.01                     Airplane
			vessel.n.02                       Watercraft
			boat.n.01                         Boat
			ship.n.01                         Ship
			military_vehicle.n.01             Military Vehicle
			wheel.n.01                        Wheel
			# buildings and structures
			building.n.01                     Building
			dwelling.n.01                     Housing
			place_of_worship.n.01             Place of Worship
			shop.n.01                         Shop
			bridge.n.01                       Bridge
			fence.n.01                        Fence
			roof.n.01                         Roof
			memorial.n.03                     Monument
			tower.n.01                        Tower
			# clothing
			clothing.n.01                     Clothing
			footwear.n.01 footwear.n.02       Footwear
			shoe.n.01                         Shoe
			headdress.n.01                    Headwear
			hat.n.01                          Hat
			coat.n.01                         Coat
			skirt.n.02                        Skirt
			swimsuit.n.01                     Swimwear
			sweater.n.01                      Sweater
			necktie.n.01                      Tie
			jewelry.n.01                      Jewelry
			armor.n.01                        Armor
			bag.n.01                          Bag
			# home
			furniture.n.01                    Furniture
			chair.n.01                        Chair
			table.n.02                        Table
			bed.n.01                          Bed
			cabinet.n.01                      Cabinet
			lamp.n.02                         Lamp
			appliance.n.02 home_appliance.n.01 Appliance
			bottle.n.01                       Bottle
			box.n.01                          Box
			jar.n.01                          Jar
			basket.n.01                       Basket
			tableware.n.01                    Tableware
			cutlery.n.02                      Cutlery
			kitchen_utensil.n.01              Kitchen Utensil
			cookware.n.01                     Cookware
			glass.n.02                        Glass
			cup.n.01 cup.n.06                 Cup
			clock.n.01                        Clock
			watch.n.01                        Watch
			makeup.n.01                       Cosmetics
			# technology
			electronic_equipment.n.01         Electronics
			computer.n.01                     Computer
			peripheral.n.01                   Computer Hardware
			telephone.n.01                    Phone
			camera.n.01                       Camera
			display.n.06                      Display
			television_receiver.n.01 television.n.02 TV
			# music
			musical_instrument.n.01           Musical Instrument
			guitar.n.01                       Guitar
			piano.n.01                        Piano
			wind_instrument.n.01              Wind Instrument
			stringed_instrument.n.01          String Instrument
			percussion_instrument.n.01        Percussion Instrument
			keyboard_instrument.n.01          Keyboard Instrument
			brass.n.02                        Brass Instrument
			# tools, weapons, sports, toys
			tool.n.01                         Tool
			hand_tool.n.01                    Hand Tool
			power_tool.n.01                   Power Tool
			machine.n.01                      Machine
			knife.n.01                        Knife
			weapon.n.01                       Weapon
			gun.n.01                          Gun
			lock.n.01                         Lock
			sports_equipment.n.01             Sports Equipment
			ball.n.01                         Ball
			plaything.n.01                    Toy
			pen.n.01                          Pen
			brush.n.02                        Brush
			helmet.n.02                       Helmet
			source_of_illumination.n.01       Lighting
			tent.n.01                         Tent
			curtain.n.01                      Curtain
			door.n.01                         Door
			rug.n.01                          Rug
			towel.n.01                        Towel
			# nature and signs
			geological_formation.n.01         Landscape
			mountain.n.01                     Mountain
			shore.n.01                        Shoreline
			sign.n.02                         Sign
			menu.n.01 menu.n.02               Menu
			# ImageNet classes whose first lemma misleads or is not the everyday word (WordNet ids)
			n01514668                         Rooster
			n02113023                         Pembroke Welsh Corgi
			n02113186                         Cardigan Welsh Corgi
			n02497673                         Ring-Tailed Lemur
			n02509815                         Red Panda
			n02655020                         Pufferfish
			n02747177                         Trash Can
			n02783161                         Ballpoint Pen
			n02788148                         Banister
			n02797295                         Wheelbarrow
			n02814533                         Station Wagon
			n02814860                         Lighthouse
			n02835271                         Tandem Bicycle
			n02840245                         Ring Binder
			n02892201                         Plaque
			n02892767                         Bra
			n02930766                         Taxi
			n02939185                         Cauldron
			n02977058                         ATM
			n03000684                         Chainsaw
			n03089624                         Candy Store
			n03337140                         File Cabinet
			n03424325                         Gas Mask
			n03445924                         Golf Cart
			n03459775                         Radiator Grille
			n03492542                         Hard Disk
			n03594734                         Jeans
			n03595614                         T-Shirt
			n03599486                         Rickshaw
			n03673027                         Ocean Liner
			n03710637                         Maillot
			n03710721                         Tank Suit
			n03832673                         Notebook Computer
			n03877472                         Pajamas
			n03895866                         Passenger Railcar
			n03902125                         Payphone
			n03929660                         Guitar Pick
			n03930630                         Pickup Truck
			n03947888                         Pirate Ship
			n03954731                         Carpenter's Plane
			n03983396                         Soda Bottle
			n03991062                         Flowerpot
			n04019541                         Hockey Puck
			n04037443                         Race Car
			n04116512                         Eraser
			n04118776                         Ruler
			n04131690                         Salt Shaker
			n04141076                         Saxophone
			n04141975                         Weighing Scale
			n04243546                         Slot Machine
			n04356056 n04355933               Sunglasses
			n04367480                         Mop
			n04417672                         Thatched Roof
			n04515003                         Upright Piano
			n04517823                         Vacuum Cleaner
			n04554684                         Washing Machine
			n06359193                         Website
			n09835506                         Baseball Player
			n12620546                         Rose Hip
			n13133613                         Ear of Corn
			n15075141                         Toilet Paper
			""";

	/**
	 * The 80 COCO classes in YOLOX output order, each as the WordNet synset it means; {@code >} makes a new node
	 * under that synset for a class WordNet lacks.
	 */
	static final String COCO = """
			person            person.n.01
			bicycle           bicycle.n.01
			car               car.n.01
			motorcycle        motorcycle.n.01
			airplane          airplane.n.01
			bus               bus.n.01
			train             train.n.01
			truck             truck.n.01
			boat              boat.n.01
			traffic light     traffic_light.n.01
			fire hydrant      fireplug.n.01
			stop sign         > street_sign.n.01
			parking meter     parking_meter.n.01
			bench             bench.n.01
			bird              bird.n.01
			cat               domestic_cat.n.01
			dog               dog.n.01
			horse             horse.n.01
			sheep             sheep.n.01
			cow               cattle.n.01
			elephant          elephant.n.01
			bear              bear.n.01
			zebra             zebra.n.01
			giraffe           giraffe.n.01
			backpack          backpack.n.01
			umbrella          umbrella.n.01
			handbag           bag.n.04
			tie               necktie.n.01
			suitcase          bag.n.06
			frisbee           frisbee.n.01
			skis              ski.n.01
			snowboard         snowboard.n.01
			sports ball       ball.n.01
			kite              kite.n.03
			baseball bat      baseball_bat.n.01
			baseball glove    baseball_glove.n.01
			skateboard        skateboard.n.01
			surfboard         surfboard.n.01
			tennis racket     tennis_racket.n.01
			bottle            bottle.n.01
			wine glass        wineglass.n.01
			cup               cup.n.01
			fork              fork.n.01
			knife             knife.n.01
			spoon             spoon.n.01
			bowl              bowl.n.03
			banana            banana.n.02
			apple             apple.n.01
			sandwich          sandwich.n.01
			orange            orange.n.01
			broccoli          broccoli.n.02
			carrot            carrot.n.03
			hot dog           hotdog.n.02
			pizza             pizza.n.01
			donut             doughnut.n.02
			cake              cake.n.03
			chair             chair.n.01
			couch             sofa.n.01
			potted plant      pot_plant.n.01
			bed               bed.n.01
			dining table      dining_table.n.01
			toilet            toilet.n.02
			tv                television_receiver.n.01
			laptop            laptop.n.01
			mouse             mouse.n.04
			remote            remote_control.n.01
			keyboard          computer_keyboard.n.01
			cell phone        cellular_telephone.n.01
			microwave         microwave.n.02
			oven              oven.n.01
			toaster           toaster.n.02
			sink              sink.n.01
			refrigerator      refrigerator.n.01
			book              book.n.02
			clock             clock.n.01
			vase              vase.n.01
			scissors          scissors.n.01
			teddy bear        teddy.n.01
			hair drier        hand_blower.n.01
			toothbrush        toothbrush.n.01
			""";

	/** COCO class names that are not what people say. */
	static final Map<String, String> COCO_NAMES = Map.of("skis", "Ski", "tv", "TV", "remote", "Remote Control",
			"hair drier", "Hair Dryer", "sports ball", "Ball");

	/**
	 * Categories (a fixed set, like Rekognition's) and the synsets they start at; a line without a colon goes on
	 * with the category above. A node gets one category: that of the first synset in this table that is the node's
	 * own or one of its WordNet hypernyms, so the order matters:
	 * living things before things (a pet is an animal, not a "domestic" object), specific things before general
	 * ones (a car mirror is a car part before it is a device).
	 */
	static final String CATEGORIES = """
			Person Description:         person.n.01
			Animals and Pets:           animal.n.01
			Food and Beverage:          food.n.01 food.n.02
			Plants and Flowers:         plant.n.02 plant_part.n.01 fungus.n.01
			# sports gear that WordNet files under vehicles, devices or boards
			Sports and Recreation:      skateboard.n.01 ski.n.01 snowboard.n.01 surfboard.n.01 sports_implement.n.01
			                            puck.n.02 scoreboard.n.01 carousel.n.02
			# car parts and road furniture, before "device" and "structure"
			Vehicles and Automotive:    traffic_light.n.01 parking_meter.n.01 car_mirror.n.01 car_wheel.n.01
			                            disk_brake.n.01 oil_filter.n.01 odometer.n.01 grille.n.02 seat_belt.n.01
			                            gas_pump.n.01 wing.n.02 conveyance.n.03
			Musical Instruments:        musical_instrument.n.01
			Weapons and Military:       weapon.n.01 armor.n.01 breastplate.n.01
			Health and Medicine:        medical_instrument.n.01 neck_brace.n.01 band_aid.n.01 crutch.n.01
			                            oxygen_mask.n.01 pill_bottle.n.01
			Sports and Recreation:      sports_equipment.n.01 game_equipment.n.01
			Toys and Games:             plaything.n.01 puzzle.n.01 pinwheel.n.02
			Technology and Computing:   electronic_equipment.n.01 electronic_device.n.01 computer.n.01 web_site.n.01
			                            camera.n.01 loudspeaker.n.01 microphone.n.01 remote_control.n.01 radio.n.03
			                            photocopier.n.01 projector.n.02 hard_disc.n.01 space_bar.n.01
			Apparel and Accessories:    watch.n.01 clothing.n.01 footwear.n.02 helmet.n.02 backpack.n.01 bag.n.04
			                            purse.n.03 wallet.n.01 jewelry.n.01 sunglasses.n.01 cloak.n.01 bib.n.01
			                            ski_mask.n.01 pickelhaube.n.01 buckle.n.01 hair_slide.n.01
			Beauty and Personal Care:   toiletry.n.01
			Home and Indoors:           home_appliance.n.01 appliance.n.02
			Kitchen and Dining:         tableware.n.01 kitchen_utensil.n.01 drinking_vessel.n.01 glass.n.02
			                            ladle.n.01 measuring_cup.n.01 cocktail_shaker.n.01 saltshaker.n.01
			                            strainer.n.01 tray.n.01 pitcher.n.02 stove.n.02 plate_rack.n.01
			                            can_opener.n.01 corkscrew.n.01
			Furniture and Furnishings:  furniture.n.01 furnishing.n.02
			Home and Indoors:           timepiece.n.01 source_of_illumination.n.01 plumbing_fixture.n.01 towel.n.01
			                            bedclothes.n.01 cushion.n.03 cleaning_implement.n.01 doormat.n.02
			                            window_screen.n.01 window_shade.n.01 mosquito_net.n.01 ashcan.n.01 vase.n.01
			                            pot.n.04 toilet_tissue.n.01 soap_dispenser.n.01 bathtub.n.01 washbasin.n.02
			                            shoji.n.01
			Text and Documents:         written_communication.n.01 publication.n.01 menu.n.01 book.n.02
			                            book_jacket.n.01 sign.n.02
			Tools and Machinery:        tool.n.01 machine.n.01
			Nature and Outdoors:        tent.n.01
			Buildings and Architecture: building.n.01 roof.n.01 dome.n.04 vault.n.03 bell_cote.n.01 water_tower.n.01
			                            drilling_platform.n.01 structure.n.01
			Nature and Outdoors:        geological_formation.n.01 natural_object.n.01 bubble.n.01
			Tools and Machinery:        device.n.01
			Everyday Objects:           artifact.n.01
			""";

	/** Slang that WordNet lists as a synonym, and scientific names whose genus WordNet lacks (so no rule sees them). */
	static final Set<String> DROPPED_ALIASES = Set.of("Crapper", "Constrictor Constrictor", "Grifola Frondosa",
			"Holocanthus Tricolor", "Lycaon Pictus");

	/** The label for text found by OCR: not a WordNet synset. */
	static final String TEXT_ID = "text";

	/** Words Title Case writes in capitals. */
	static final Set<String> ACRONYMS = Set.of("tv");

	static final Set<String> SMALL_WORDS = Set.of("a", "an", "and", "as", "at", "by", "de", "des", "du", "for", "in",
			"of", "on", "or", "the", "to", "with", "o'");

	public static void main(String[] args) throws IOException {
		if (args.length < 2 || args.length > 3) {
			System.err.println("usage: java tools/hierarchy/GenerateHierarchy.java WORDNET_DIR OUT_DIR [IMAGENET_WNIDS]");
			System.exit(2);
		}
		Path wnids = args.length == 3 ? Path.of(args[2]) : Path.of("tools/hierarchy/imagenet-1k-wnids.txt");
		WordNet wordNet = WordNet.load(Path.of(args[0]));
		new Generator(wordNet, readWnids(wnids)).write(Path.of(args[1]));
	}

	static List<String> readWnids(Path file) throws IOException {
		List<String> wnids = Files.readAllLines(file, StandardCharsets.UTF_8).stream()
			.map(String::strip)
			.filter(line -> !line.isEmpty() && !line.startsWith("#"))
			.toList();
		if (wnids.size() != 1000 || !wnids.equals(wnids.stream().sorted().distinct().toList())) {
			throw new IllegalStateException(file + ": expected 1000 distinct WordNet ids in sorted order");
		}
		return wnids;
	}

	/** "golden_retriever" → "Golden Retriever"; words that already hold capitals ("iPod", "CD") stay as they are. */
	static String titleCase(String lemma) {
		StringBuilder out = new StringBuilder();
		String[] words = lemma.replace('_', ' ').trim().split(" +");
		for (int w = 0; w < words.length; w++) {
			if (w > 0) {
				out.append(' ');
			}
			String[] pieces = words[w].split("-", -1);
			for (int p = 0; p < pieces.length; p++) {
				if (p > 0) {
					out.append('-');
				}
				out.append(capitalize(pieces[p], w == 0 && p == 0));
			}
		}
		return out.toString();
	}

	private static String capitalize(String piece, boolean first) {
		if (ACRONYMS.contains(piece)) {
			return piece.toUpperCase(Locale.ROOT);
		}
		if (piece.isEmpty() || !piece.equals(piece.toLowerCase(Locale.ROOT))
				|| (!first && SMALL_WORDS.contains(piece))) {
			return piece;
		}
		return Character.toUpperCase(piece.charAt(0)) + piece.substring(1);
	}

	static String key(String name) {
		return name.toLowerCase(Locale.ROOT);
	}

	/** One noun synset of data.noun. */
	record Synset(String offset, List<String> lemmas, List<String> hypernyms) {

		String wnid() {
			return "n" + offset;
		}
	}

	/** The noun part of the WordNet 3.0 database files. */
	static final class WordNet {

		private final Map<String, Synset> synsets;
		/** Lower-case lemma → synset offsets, most frequent sense first. */
		private final Map<String, List<String>> senses;
		/** Words that are genus names ("genus_Canis"): a lemma starting with one is a scientific name. */
		private final Set<String> genera;

		private WordNet(Map<String, Synset> synsets, Map<String, List<String>> senses) {
			this.synsets = synsets;
			this.senses = senses;
			this.genera = senses.keySet().stream()
				.filter(lemma -> lemma.startsWith("genus_"))
				.map(lemma -> lemma.substring("genus_".length()))
				.collect(Collectors.toSet());
		}

		static WordNet load(Path dir) throws IOException {
			Map<String, Synset> synsets = new HashMap<>();
			for (String line : Files.readAllLines(dir.resolve("data.noun"), StandardCharsets.UTF_8)) {
				if (line.startsWith("  ")) {
					continue; // licence header
				}
				String[] f = line.substring(0, line.indexOf(" | ") < 0 ? line.length() : line.indexOf(" | ")).split(" ");
				int words = Integer.parseInt(f[3], 16);
				List<String> lemmas = new ArrayList<>();
				for (int w = 0; w < words; w++) {
					lemmas.add(f[4 + 2 * w]);
				}
				int at = 4 + 2 * words;
				int pointers = Integer.parseInt(f[at++]);
				List<String> hypernyms = new ArrayList<>();
				for (int p = 0; p < pointers; p++, at += 4) {
					if ((f[at].equals("@") || f[at].equals("@i")) && f[at + 2].equals("n")) {
						hypernyms.add(f[at + 1]);
					}
				}
				synsets.put(f[0], new Synset(f[0], List.copyOf(lemmas), List.copyOf(hypernyms)));
			}
			Map<String, List<String>> senses = new HashMap<>();
			for (String line : Files.readAllLines(dir.resolve("index.noun"), StandardCharsets.UTF_8)) {
				if (line.startsWith("  ")) {
					continue;
				}
				String[] f = line.trim().split(" ");
				int synsetCount = Integer.parseInt(f[2]);
				int pointerCount = Integer.parseInt(f[3]);
				int first = 4 + pointerCount + 2;
				senses.put(f[0], List.of(f).subList(first, first + synsetCount));
			}
			return new WordNet(synsets, senses);
		}

		Synset synset(String offset) {
			Synset synset = synsets.get(offset);
			if (synset == null) {
				throw new IllegalArgumentException("no noun synset at offset " + offset);
			}
			return synset;
		}

		/** A WordNet id ({@code n02084071}) or a sense key ({@code dog.n.01}, the first noun sense of "dog"). */
		Synset resolve(String key) {
			return key.matches("n\\d{8}") ? synset(key.substring(1)) : bySenseKey(key);
		}

		private Synset bySenseKey(String senseKey) {
			String[] parts = senseKey.split("\\.");
			if (parts.length != 3 || !parts[1].equals("n")) {
				throw new IllegalArgumentException("not a noun sense key: " + senseKey);
			}
			List<String> offsets = senses.get(key(parts[0]));
			int sense = Integer.parseInt(parts[2]);
			if (offsets == null || sense < 1 || sense > offsets.size()) {
				throw new IllegalArgumentException("no such sense in WordNet: " + senseKey);
			}
			return synset(offsets.get(sense - 1));
		}

		/** Whether {@code synset} is the most frequent noun sense of {@code lemma}. */
		boolean isFirstSense(String lemma, Synset synset) {
			List<String> offsets = senses.get(key(lemma));
			return offsets != null && offsets.get(0).equals(synset.offset());
		}

		boolean isScientificName(String lemma) {
			String[] words = lemma.split("_");
			return words.length >= 2 && genera.contains(key(words[0]));
		}
	}

	/** A label under construction. */
	static final class Node {

		final String id;
		/** The synset whose hypernyms, lemmas and categories count; null for a node WordNet lacks. */
		final Synset synset;
		final Set<String> parents = new LinkedHashSet<>();
		String explicitName;
		String cocoName;
		String name;
		List<String> aliases = List.of();
		List<String> categories = List.of();
		List<String> extraAliases = List.of();

		Node(String id, Synset synset) {
			this.id = id;
			this.synset = synset;
		}
	}

	static final class Generator {

		private final WordNet wordNet;
		private final List<String> imagenetWnids;
		private final Map<String, Node> nodes = new TreeMap<>();
		/** Synset offset → node id. */
		private final Map<String, String> nodeOfSynset = new HashMap<>();
		private final List<String> cocoRows = new ArrayList<>();
		private final List<String> imagenetRows = new ArrayList<>();
		private final Map<String, Set<String>> nearest = new HashMap<>();
		private final Map<String, Set<String>> ancestors = new HashMap<>();
		/** Category table rows: synset offset, category. */
		private final List<String[]> categoryStarts = new ArrayList<>();

		Generator(WordNet wordNet, List<String> imagenetWnids) {
			this.wordNet = wordNet;
			this.imagenetWnids = imagenetWnids;
			String category = null;
			for (String line : CATEGORIES.lines().map(String::strip).toList()) {
				if (line.isEmpty() || line.startsWith("#")) {
					continue;
				}
				int colon = line.indexOf(':');
				if (colon >= 0) {
					category = line.substring(0, colon);
				}
				for (String key : line.substring(colon + 1).trim().split("\\s+")) {
					categoryStarts.add(new String[] { wordNet.resolve(key).offset(), category });
				}
			}
		}

		void write(Path outDir) throws IOException {
			build();
			Files.createDirectories(outDir);
			String source = "# Generated by tools/hierarchy/GenerateHierarchy.java from WordNet 3.0 (Copyright 2006 by"
					+ " Princeton University, WordNet licence); regenerate, do not edit.\n";
			StringBuilder hierarchy = new StringBuilder(source).append("# id\tname\tparent ids\taliases\tcategories\n");
			for (Node node : nodes.values()) {
				hierarchy.append(String.join("\t", node.id, node.name, String.join(" ", sorted(node.parents)),
						String.join("|", node.aliases), String.join("|", node.categories)))
					.append('\n');
			}
			Files.writeString(outDir.resolve("label-hierarchy.tsv"), hierarchy.toString(), StandardCharsets.UTF_8);
			Files.writeString(outDir.resolve("imagenet-classes.tsv"),
					source + "# class index\tWordNet id\tnode id\n" + lines(imagenetRows), StandardCharsets.UTF_8);
			Files.writeString(outDir.resolve("coco-classes.tsv"),
					source + "# class index\tCOCO name\tnode id\n" + lines(cocoRows), StandardCharsets.UTF_8);
		}

		private void build() {
			for (String[] row : table(NODES)) {
				Node node = nodeFor(wordNet.resolve(row[0]));
				node.explicitName = row[row.length - 1];
				for (int k = 1; k < row.length - 1; k++) {
					alsoMaps(wordNet.resolve(row[k]), node);
				}
			}
			for (int i = 0; i < imagenetWnids.size(); i++) {
				Node node = nodeFor(wordNet.synset(imagenetWnids.get(i).substring(1)));
				imagenetRows.add(i + "\t" + imagenetWnids.get(i) + "\t" + node.id);
			}
			List<Node> outsideWordNet = new ArrayList<>();
			List<String[]> coco = table(COCO);
			for (int i = 0; i < coco.size(); i++) {
				String[] row = coco.get(i);
				boolean under = row[row.length - 2].equals(">");
				String cocoName = String.join(" ", List.of(row).subList(0, row.length - (under ? 2 : 1)));
				Node node;
				if (under) {
					node = new Node(cocoName.replace(' ', '_'), null);
					node.parents.add(nodeFor(wordNet.resolve(row[row.length - 1])).id);
					outsideWordNet.add(node);
				}
				else {
					node = nodeFor(wordNet.resolve(row[row.length - 1]));
				}
				node.cocoName = COCO_NAMES.getOrDefault(cocoName, titleCase(cocoName));
				cocoRows.add(i + "\t" + cocoName + "\t" + node.id);
			}
			Node text = new Node(TEXT_ID, null);
			text.explicitName = "Text";
			text.extraAliases = List.of("Word");
			text.categories = List.of("Text and Documents");
			outsideWordNet.add(text);
			outsideWordNet.forEach(node -> nodes.put(node.id, node));
			nodes.values().stream().filter(node -> node.synset != null).forEach(this::linkParents);
			nodes.values().forEach(this::dropImpliedParents);
			name();
			Set<String> names = nodes.values().stream().map(node -> key(node.name)).collect(Collectors.toSet());
			nodes.values().forEach(node -> describe(node, names));
		}

		private Node nodeFor(Synset synset) {
			String id = nodeOfSynset.get(synset.offset());
			if (id != null) {
				return nodes.get(id);
			}
			Node node = new Node(synset.wnid(), synset);
			nodes.put(node.id, node);
			nodeOfSynset.put(synset.offset(), node.id);
			return node;
		}

		private void alsoMaps(Synset synset, Node node) {
			if (nodeOfSynset.putIfAbsent(synset.offset(), node.id) != null) {
				throw new IllegalStateException(synset.wnid() + " is listed twice in NODES");
			}
		}

		private void linkParents(Node node) {
			for (String hypernym : node.synset.hypernyms()) {
				nearestNodes(hypernym).stream().filter(id -> !id.equals(node.id)).forEach(node.parents::add);
			}
		}

		/** The nodes reached first going up from {@code offset}, itself included. */
		private Set<String> nearestNodes(String offset) {
			Set<String> known = nearest.get(offset);
			if (known != null) {
				return known;
			}
			Set<String> found = new LinkedHashSet<>();
			String id = nodeOfSynset.get(offset);
			if (id != null) {
				found.add(id);
			}
			else {
				wordNet.synset(offset).hypernyms().forEach(hypernym -> found.addAll(nearestNodes(hypernym)));
			}
			nearest.put(offset, found);
			return found;
		}

		private void dropImpliedParents(Node node) {
			Set<String> implied = new HashSet<>();
			for (String parent : node.parents) {
				implied.addAll(ancestorsOf(parent, new HashSet<>()));
			}
			node.parents.removeAll(implied);
		}

		private Set<String> ancestorsOf(String id, Set<String> path) {
			Set<String> known = ancestors.get(id);
			if (known != null) {
				return known;
			}
			if (!path.add(id)) {
				throw new IllegalStateException("cycle in the hierarchy through " + id);
			}
			Set<String> found = new HashSet<>();
			for (String parent : nodes.get(id).parents) {
				found.add(parent);
				found.addAll(ancestorsOf(parent, path));
			}
			path.remove(id);
			ancestors.put(id, found);
			return found;
		}

		private void name() {
			nodes.values().forEach(node -> node.name = baseName(node));
			Map<String, List<Node>> byName = nodes.values().stream()
				.collect(Collectors.groupingBy(node -> key(node.name), TreeMap::new, Collectors.toList()));
			for (List<Node> clash : byName.values()) {
				if (clash.size() > 1) {
					settle(clash);
				}
			}
			Set<String> seen = new HashSet<>();
			for (Node node : nodes.values()) {
				if (!seen.add(key(node.name))) {
					throw new IllegalStateException("name still not unique: " + node.name);
				}
			}
		}

		/** A name from NODES, else the COCO class name, else the synset's first lemma. */
		private String baseName(Node node) {
			return node.explicitName != null ? node.explicitName
					: node.cocoName != null ? node.cocoName : titleCase(node.synset.lemmas().get(0));
		}

		/** How firmly a node holds its name: a chosen name (NODES, then COCO) beats a WordNet lemma. */
		private static int rank(Node node) {
			return node.explicitName != null ? 0 : node.cocoName != null ? 1 : 2;
		}

		/**
		 * Nodes that share a name: a chosen name keeps it ("Kite" is COCO's toy), the others are qualified, the
		 * ImageNet bird becoming "Kite (Bird of Prey)".
		 */
		private void settle(List<Node> clash) {
			int best = clash.stream().mapToInt(Generator::rank).min().orElseThrow();
			List<Node> holders = clash.stream().filter(node -> rank(node) == best).toList();
			if (holders.size() > 1 && best < 2) {
				throw new IllegalStateException("two chosen names are equal: " + clash.get(0).name);
			}
			List<Node> qualified = best < 2 ? clash.stream().filter(node -> rank(node) > best).toList() : clash;
			Map<Node, String> byParent = new LinkedHashMap<>();
			qualified.forEach(node -> byParent.put(node, nearestParentName(node)));
			for (Node node : qualified) {
				String qualifier = byParent.get(node);
				if (qualifier == null || qualifier.equalsIgnoreCase(node.name)
						|| Collections.frequency(byParent.values(), qualifier) > 1) {
					qualifier = titleCase(wordNet.synset(node.synset.hypernyms().get(0)).lemmas().get(0));
				}
				node.name = node.name + " (" + qualifier + ")";
			}
		}

		/** The name of the parent with the most ancestors (the most specific one), before qualification. */
		private String nearestParentName(Node node) {
			return node.parents.stream()
				.map(nodes::get)
				.max(Comparator.<Node>comparingInt(parent -> ancestors.get(parent.id).size())
					.thenComparing(parent -> parent.id, Comparator.reverseOrder()))
				.map(this::baseName)
				.orElse(null);
		}

		private void describe(Node node, Set<String> names) {
			Map<String, String> aliases = new LinkedHashMap<>();
			if (node.synset != null) {
				for (String lemma : node.synset.lemmas()) {
					if (wordNet.isFirstSense(lemma, node.synset) && !wordNet.isScientificName(lemma)) {
						aliases.putIfAbsent(key(titleCase(lemma)), titleCase(lemma));
					}
				}
			}
			node.extraAliases.forEach(alias -> aliases.putIfAbsent(key(alias), alias));
			aliases.keySet().removeIf(alias -> names.contains(alias) || DROPPED_ALIASES.contains(aliases.get(alias)));
			node.aliases = List.copyOf(aliases.values());
			if (node.categories.isEmpty()) {
				Synset start = node.synset != null ? node.synset : nodes.get(node.parents.iterator().next()).synset;
				node.categories = categories(start);
			}
		}

		/** The category of the first {@link #CATEGORIES} row that {@code synset} falls under, if any. */
		private List<String> categories(Synset synset) {
			Set<String> upward = new HashSet<>();
			Deque<String> queue = new ArrayDeque<>(List.of(synset.offset()));
			while (!queue.isEmpty()) {
				String offset = queue.removeFirst();
				if (upward.add(offset)) {
					queue.addAll(wordNet.synset(offset).hypernyms());
				}
			}
			return categoryStarts.stream()
				.filter(row -> upward.contains(row[0]))
				.map(row -> row[1])
				.limit(1)
				.toList();
		}
	}

	/** Rows of a table text block: whitespace-separated, {@code #} comments. */
	static List<String[]> table(String text) {
		return text.lines()
			.map(String::strip)
			.filter(line -> !line.isEmpty() && !line.startsWith("#"))
			.map(GenerateHierarchy::parseRow)
			.toList();
	}

	/** Sense keys first, then a free-text name: "food.n.01 food.n.02 Food" → [food.n.01, food.n.02, Food]. */
	private static String[] parseRow(String line) {
		String[] words = line.split("\\s+");
		List<String> cells = new ArrayList<>();
		int w = 0;
		while (w < words.length && words[w].matches(".+\\.n\\.\\d\\d|n\\d{8}")) {
			cells.add(words[w++]);
		}
		if (w == 0) {
			return words; // COCO rows: name words, then a sense key
		}
		cells.add(String.join(" ", List.of(words).subList(w, words.length)));
		return cells.toArray(String[]::new);
	}

	static List<String> sorted(Collection<String> values) {
		return values.stream().sorted().toList();
	}

	static String lines(List<String> rows) {
		return rows.stream().map(row -> row + "\n").collect(Collectors.joining());
	}
}
