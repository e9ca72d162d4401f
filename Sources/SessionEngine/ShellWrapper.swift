/// The bash program each command runs under (`bash --noprofile --norc -c WRAPPER bash STATEDIR BASHENV`).
///
/// It restores what the previous command left (the state file written by `__rb_save`), reads the
/// command text from `STATEDIR/command` (never spliced into this script), `eval`s it at top level
/// (so `declare`, `export`, assignments and function definitions land in the global scope exactly
/// as typed at a prompt), and saves the resulting state both after a normal finish and from the
/// EXIT trap (so `exit 3`, `set -e` failures and death by SIGINT/SIGTERM still save it).
/// Nothing is printed on the command's stdout/stderr: the save runs with stderr sent to /dev/null
/// and xtrace switched off first, so `set -x` traces only the user's commands.
///
/// Files in STATEDIR:
/// - `prologue.sh`: `shellPrologueScript` (written by Swift before each start).
/// - `command`: the command text (written by Swift before each start).
/// - `state.sh`: sourced before the command: shopt settings, aliases, umask, variables
///   (`declare -p`), functions (`declare -f`), `set -o` options; errexit/nounset/allexport/xtrace
///   are applied only right before the `eval`, so they cannot break the wrapper itself.
/// - `vars`: NUL-separated records `kind attrs name value` for Swift (`pwd`, `var`, `end`).
/// - `functions`: `declare -F` output.
/// `__rb_save` writes `*.new`; Swift renames them after checking the end markers, so a command
/// killed in the middle of saving leaves the previous state in place.
///
/// The part before the command lives in `STATEDIR/prologue.sh` (`shellPrologueScript`, written before
/// each start) and the `-c` script is a single line that sources it and `eval`s the command: bash
/// numbers lines of `eval`ed text from the line the `eval` is on, so an error in the command reads
/// "bash: line 1: …" (line 2 for its second line), not the wrapper's own line numbers.
let shellWrapperScript = #"""
builtin . "$1/prologue.sh" "$1" "$2"; builtin set --; IFS= builtin read -r -d '' __rb_cmd < "$__rb_dir/command"; builtin shopt -s expand_aliases; for __rb_o in "${__rb_late[@]}"; do builtin set -o "$__rb_o"; done; if [[ -n $__rb_xtrace ]]; then builtin eval "builtin set -x;$__rb_cmd"; else builtin eval "$__rb_cmd"; fi
{ __rb_save "$?"; } 2>/dev/null; builtin exit
"""#

/// What runs before each command (sourced by `shellWrapperScript` with STATEDIR and BASHENV): restore
/// the saved state, define `__rb_save`, arm the EXIT trap.
let shellPrologueScript = #"""
__rb_dir=$1
if [[ -n $2 ]]; then builtin export BASH_ENV="${2#=}"; fi
__rb_late=()
__rb_xtrace=
if [[ -f $__rb_dir/state.sh ]]; then builtin . "$__rb_dir/state.sh" 2>/dev/null; fi
__rb_saved=
__rb_save() {
  if [[ -n ${__rb_saved-} ]]; then builtin return "$1"; fi
  __rb_saved=1
  builtin local __rb_status=$1 __rb_n= __rb_o= __rb_a= __rb_r= __rb_v= __rb_l= __rb_x= __rb_opts=
  for __rb_o in errexit nounset allexport; do
    if [[ -o $__rb_o ]]; then __rb_l+=" $__rb_o"; fi
  done
  if [[ -o xtrace ]]; then __rb_x=1; fi
  for __rb_o in errtrace functrace hashall noclobber noglob pipefail physical; do
    if [[ -o $__rb_o ]]; then __rb_opts+="builtin set -o $__rb_o"$'\n'; else __rb_opts+="builtin set +o $__rb_o"$'\n'; fi
  done
  builtin set +o errexit +o nounset +o xtrace +o allexport +o noglob
  {
    builtin shopt -p extglob nullglob failglob globstar dotglob nocaseglob nocasematch lastpipe globasciiranges xpg_echo cdable_vars 2>/dev/null
    builtin alias -p
    builtin umask -p
    for __rb_n in "${!A@}" "${!B@}" "${!C@}" "${!D@}" "${!E@}" "${!F@}" "${!G@}" "${!H@}" "${!I@}" "${!J@}" "${!K@}" "${!L@}" "${!M@}" "${!N@}" "${!O@}" "${!P@}" "${!Q@}" "${!R@}" "${!S@}" "${!T@}" "${!U@}" "${!V@}" "${!W@}" "${!X@}" "${!Y@}" "${!Z@}" "${!a@}" "${!b@}" "${!c@}" "${!d@}" "${!e@}" "${!f@}" "${!g@}" "${!h@}" "${!i@}" "${!j@}" "${!k@}" "${!l@}" "${!m@}" "${!n@}" "${!o@}" "${!p@}" "${!q@}" "${!r@}" "${!s@}" "${!t@}" "${!u@}" "${!v@}" "${!w@}" "${!x@}" "${!y@}" "${!z@}" "${!_@}"; do
      case $__rb_n in
        BASH|BASHOPTS|BASHPID|BASH_ALIASES|BASH_ARGC|BASH_ARGV|BASH_ARGV0|BASH_CMDS|BASH_COMMAND|BASH_EXECUTION_STRING|BASH_LINENO|BASH_LOADABLES_PATH|BASH_MONOSECONDS|BASH_REMATCH|BASH_SOURCE|BASH_SUBSHELL|BASH_TRAPSIG|BASH_VERSINFO|BASH_VERSION|COLUMNS|COMP_WORDBREAKS|DIRSTACK|EPOCHREALTIME|EPOCHSECONDS|EUID|FUNCNAME|GROUPS|HISTCMD|HOSTNAME|HOSTTYPE|LINENO|LINES|MACHTYPE|OPTERR|OPTIND|OSTYPE|PIPESTATUS|PPID|PWD|RANDOM|SECONDS|SHELLOPTS|SHLVL|SRANDOM|UID|_|__rb_*) builtin continue ;;
      esac
      builtin declare -p -- "$__rb_n" 2>/dev/null
      __rb_a=${!__rb_n@a}
      case $__rb_a in
        *[aA]*) __rb_r="$__rb_n[@]"; __rb_v="${!__rb_r@A}"; builtin printf 'var\0%s\0%s\0%s\0' "$__rb_a" "$__rb_n" "$__rb_v" >&9 ;;
        *) if [[ -n ${!__rb_n+set} ]]; then builtin printf 'var\0%s\0%s\0%s\0' "$__rb_a" "$__rb_n" "${!__rb_n}" >&9; fi ;;
      esac
    done
    builtin declare -f
    builtin printf '%s' "$__rb_opts"
    builtin printf '__rb_late=(%s)\n__rb_xtrace=%s\n# runbook-state-end\n' "$__rb_l" "$__rb_x"
    builtin printf 'pwd\0\0PWD\0%s\0end\0\0\0\0' "$PWD" >&9
  } >| "$__rb_dir/state.new" 9>| "$__rb_dir/vars.new"
  builtin declare -F >| "$__rb_dir/functions.new"
  builtin return "$__rb_status"
}
builtin trap '{ __rb_save "$?"; } 2>/dev/null' EXIT
"""#
