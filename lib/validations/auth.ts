import { z } from "zod";

export const usernameSchema = z
  .string()
  .min(3, "Username must be at least 3 characters")
  .max(32, "Username must be at most 32 characters")
  .regex(/^[a-zA-Z0-9_.]+$/, "Username may use only letters, digits, _ and .");

export const emailSchema = z.email("Enter a valid email address").max(254, "Email must be at most 254 characters");

export const passwordSchema = z
  .string()
  .min(8, "Password must be at least 8 characters")
  .max(128, "Password must be at most 128 characters");

export const displayNameSchema = z
  .string()
  .trim()
  .min(1, "Display name cannot be empty")
  .max(32, "Display name must be at most 32 characters");

export const registerSchema = z.strictObject({
  username: usernameSchema,
  email: emailSchema,
  password: passwordSchema,
  display_name: displayNameSchema.optional(),
});
export type RegisterInput = z.infer<typeof registerSchema>;

export const loginSchema = z
  .strictObject({
    username: z.string().min(1).max(254).optional(),
    email: z.string().min(1).max(254).optional(),
    password: z.string().min(1, "Enter your password").max(128),
  })
  .refine((body) => (body.username === undefined) !== (body.email === undefined), {
    message: "Send exactly one of username or email",
    path: ["username"],
  });
export type LoginInput = z.infer<typeof loginSchema>;

export const changePasswordSchema = z
  .strictObject({
    current_password: z.string().min(1, "Enter your current password").max(128),
    new_password: passwordSchema,
  })
  .refine((body) => body.current_password !== body.new_password, {
    message: "The new password must differ from the current one",
    path: ["new_password"],
  });
export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;

export const sessionParams = z.strictObject({ id: z.uuid("Must be a session id") });
