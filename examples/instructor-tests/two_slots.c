/* two_slots SLOT_A SLOT_B - two device files of one slot driver, the same channel ids in each:
 * a message belongs to its slot and channel, the last write wins, a read does not consume. */
#include <stdio.h>
#include <unistd.h>

#include "slot.h"

int main(int argc, char *argv[])
{
	if (argc != 3) {
		fprintf(stderr, "usage: two_slots SLOT_A SLOT_B\n");
		return 2;
	}
	int a1 = open_channel(argv[1], 1);
	int a2 = open_channel(argv[1], 2);
	int b1 = open_channel(argv[2], 1);

	send_message(a1, "A ch1", "alpha");
	send_message(a2, "A ch2", "beta");
	send_message(b1, "B ch1", "gamma");
	receive_message(a1, "A ch1");
	receive_message(a2, "A ch2");
	receive_message(b1, "B ch1");

	/* the last write wins; reading twice gives the message twice */
	send_message(a1, "A ch1", "delta, longer than alpha");
	send_message(a1, "A ch1", "eps");
	receive_message(a1, "A ch1");
	receive_message(a1, "A ch1 again");

	/* channel 7 of slot B was never written */
	int b7 = open_channel(argv[2], 7);
	receive_message(b7, "B ch7");

	close(a1);
	close(a2);
	close(b1);
	close(b7);
	return 0;
}
