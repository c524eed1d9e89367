// The shim's side of a device fd: a slot in its fd table so fd_fdstat_get and
// friends answer "character device"; reads, writes and close never reach it
// (run.ts routes them to the kernel with the program's own pointers).

import { ConsoleStdout, Fd, PreopenDirectory, wasi } from "@bjorn3/browser_wasi_shim";

export class DeviceFd extends Fd {
  constructor(readonly kernelFd: number) {
    super();
  }

  // every right, seek included: wasi-libc's isatty() takes a character device without seek rights
  // for a terminal, and a message slot is none (isatty() is 0, ENOTTY, as the driver answers TCGETS
  // on Linux); the inheriting rights matter when this fd took number 3, the /dev preopen's
  // (imports.ts): wasi-libc's open() masks what it asks for with them
  override fd_fdstat_get(): { ret: number; fdstat: wasi.Fdstat | null } {
    const st = new wasi.Fdstat(wasi.FILETYPE_CHARACTER_DEVICE, 0);
    st.fs_rights_base = ALL_RIGHTS;
    st.fs_rights_inherited = ALL_RIGHTS;
    return { ret: wasi.ERRNO_SUCCESS, fdstat: st };
  }
}

const ALL_RIGHTS = 0xffff_ffff_ffff_ffffn;

/**
 * The /dev preopen. wasi-libc's open() masks the rights it asks for with the
 * directory's inheritable rights, and reads O_RDONLY/O_WRONLY back from them:
 * the directory must offer every right (the shim's default offers none).
 */
export class DevPreopen extends PreopenDirectory {
  constructor() {
    super("/dev", new Map());
  }

  override fd_fdstat_get(): { ret: number; fdstat: wasi.Fdstat | null } {
    const st = new wasi.Fdstat(wasi.FILETYPE_DIRECTORY, 0);
    st.fs_rights_base = ALL_RIGHTS;
    st.fs_rights_inherited = ALL_RIGHTS;
    return { ret: wasi.ERRNO_SUCCESS, fdstat: st };
  }
}

/**
 * stdout/stderr as a pipe (what a grader or the oracle's `>file` gives a program on Linux): not a
 * terminal for wasi-libc's isatty (not a character device), so stdio buffers stdout fully, as
 * glibc does there. The shim's ConsoleStdout answers "character device" (a terminal: line-buffered).
 */
export class PipeOutput extends ConsoleStdout {
  override fd_fdstat_get(): { ret: number; fdstat: wasi.Fdstat | null } {
    const st = new wasi.Fdstat(wasi.FILETYPE_UNKNOWN, 0);
    st.fs_rights_base = BigInt(wasi.RIGHTS_FD_WRITE);
    return { ret: wasi.ERRNO_SUCCESS, fdstat: st };
  }
}
