/*
 * ubsan.c - the runtime of clang's -fsanitize=bounds (and of -fsanitize=null,
 * which modules are no longer built with: src/toolchain/lp64.ts checks every
 * load and store's address instead, and the host names the faulting address).
 *
 * Modules are built with the sanitizers in recovering mode; clang emits
 * calls to these handlers (and the _abort variants with
 * -fno-sanitize-recover). A load or store through NULL becomes a host oops
 * ("BUG: kernel NULL pointer dereference"); an index past an array's bound
 * a UBSAN array-index-out-of-bounds report. The data layouts are clang's
 * (compiler-rt ubsan_handlers.h).
 */
#include <linux/types.h>
#include <kernel/host.h>

struct ubsan_source_location {
	const char *file;
	u32 line;
	u32 column;
};

struct ubsan_type_descriptor {
	u16 type_kind;	/* 0 integer, 1 float, 0xffff unknown */
	u16 type_info;	/* integers: log2(bit width) << 1 | signed */
	char type_name[];
};

struct ubsan_type_mismatch_data_v1 {
	struct ubsan_source_location location;
	struct ubsan_type_descriptor *type;
	unsigned char log_alignment;
	unsigned char type_check_kind;
};

struct ubsan_out_of_bounds_data {
	struct ubsan_source_location location;
	struct ubsan_type_descriptor *array_type;
	struct ubsan_type_descriptor *index_type;
};

void __ubsan_handle_type_mismatch_v1(struct ubsan_type_mismatch_data_v1 *data, unsigned long ptr);
void __ubsan_handle_type_mismatch_v1_abort(struct ubsan_type_mismatch_data_v1 *data, unsigned long ptr);
void __ubsan_handle_out_of_bounds(struct ubsan_out_of_bounds_data *data, unsigned long index);
void __ubsan_handle_out_of_bounds_abort(struct ubsan_out_of_bounds_data *data, unsigned long index);

/*
 * Only the NULL case is reported. The same check also covers misaligned
 * pointers and too-small objects, which only matter with sanitizers the
 * module is not built with.
 */
__attribute__((no_sanitize("null"))) void __ubsan_handle_type_mismatch_v1(struct ubsan_type_mismatch_data_v1 *data, unsigned long ptr)
{
	if (ptr == 0)
		host_bug(HOST_BUG_NULL, data->location.file, data->location.line, 0, 0);
}

void __ubsan_handle_type_mismatch_v1_abort(struct ubsan_type_mismatch_data_v1 *data, unsigned long ptr)
{
	if (ptr == 0) {
		host_bug(HOST_BUG_NULL, data->location.file, data->location.line, 0, 0);
		__builtin_trap();
	}
}

/*
 * The index arrives by value when it fits in a pointer (64 bits: LP64), else
 * as a pointer to it. A negative index is passed on in two's complement.
 */
static unsigned long ubsan_index(const struct ubsan_type_descriptor *type, unsigned long handle)
{
	unsigned int bits = 1u << (type->type_info >> 1);

	if (type->type_kind == 0 && bits > BITS_PER_LONG)
		return (unsigned long)*(const u64 *)handle;
	return handle;
}

__attribute__((no_sanitize("null"))) void __ubsan_handle_out_of_bounds(struct ubsan_out_of_bounds_data *data, unsigned long index)
{
	host_bug(HOST_BUG_BOUNDS, data->location.file, data->location.line, 0,
		 ubsan_index(data->index_type, index));
}

void __ubsan_handle_out_of_bounds_abort(struct ubsan_out_of_bounds_data *data, unsigned long index)
{
	__ubsan_handle_out_of_bounds(data, index);
	__builtin_trap();
}
